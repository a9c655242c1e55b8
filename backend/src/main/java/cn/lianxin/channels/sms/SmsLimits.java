package cn.lianxin.channels.sms;

import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.sms.send.SmsTemplate;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Our own per-number limits, checked in Redis before every SMS so that Aliyun's (50 notifications per number,
 * template and day; its minute and hour flow control) are never what stops a message. Three counters per number:
 * a burst window and an hour, rolling from the first message in them (INCR, and EXPIRE when the count starts), and
 * the calendar day per template in Beijing time, as Aliyun counts it. One Lua script checks all three and counts
 * the message only when none is full, so concurrent dispatchers cannot overshoot. A full counter never drops a
 * message: the caller gets the moment the window reopens and the message waits until then.
 *
 * <p>Keys carry the number's keyed hash ({@link PhoneVault#hash}), never the number:
 * {@code lianxin:sms:limit:<window>:<hash>[:<template>:<date>]}.
 */
@ApplicationScoped
public class SmsLimits {

    // KEYS: the counters. ARGV: per key its limit and its lifetime in ms. Returns -1 when the message may go
    // (and has been counted), else the milliseconds until the first full counter expires.
    private static final String SCRIPT = """
            for i, key in ipairs(KEYS) do
              local count = tonumber(redis.call('GET', key) or '0')
              if count >= tonumber(ARGV[2 * i - 1]) then
                local ttl = redis.call('PTTL', key)
                if ttl < 0 then ttl = tonumber(ARGV[2 * i]) end
                return ttl
              end
            end
            for i, key in ipairs(KEYS) do
              if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[2 * i]) end
            end
            return -1""";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final ReactiveRedisDataSource redis;
    private final PhoneVault vault;
    private final int burst;
    private final Duration burstWindow;
    private final int hourly;
    private final int dailyPerTemplate;

    public SmsLimits(ReactiveRedisDataSource redis, PhoneVault vault,
            @ConfigProperty(name = "lianxin.sms.limits.burst") int burst,
            @ConfigProperty(name = "lianxin.sms.limits.burst-window") Duration burstWindow,
            @ConfigProperty(name = "lianxin.sms.limits.hourly") int hourly,
            @ConfigProperty(name = "lianxin.sms.limits.daily-per-template") int dailyPerTemplate) {
        this.redis = redis;
        this.vault = vault;
        this.burst = burst;
        this.burstWindow = burstWindow;
        this.hourly = hourly;
        this.dailyPerTemplate = dailyPerTemplate;
    }

    /**
     * Counts one SMS of {@code template} to {@code to}, if every limit allows it.
     *
     * @return empty when it may be sent now (and is counted); otherwise when the full window reopens
     */
    public Uni<Optional<OffsetDateTime>> take(PhoneNumber to, SmsTemplate template) {
        String number = Base64.getUrlEncoder().withoutPadding().encodeToString(vault.hash(to));
        ZonedDateTime now = ZonedDateTime.now(BEIJING);
        LocalDate today = now.toLocalDate();
        long untilTomorrow = Duration.between(now, today.plusDays(1).atStartOfDay(BEIJING)).toMillis();
        List<String> keys = List.of("lianxin:sms:limit:burst:" + number, "lianxin:sms:limit:hour:" + number,
                "lianxin:sms:limit:day:" + number + ":" + template.name() + ":" + today);
        List<String> args = List.of(String.valueOf(burst), String.valueOf(burstWindow.toMillis()),
                String.valueOf(hourly), String.valueOf(Duration.ofHours(1).toMillis()),
                String.valueOf(dailyPerTemplate), String.valueOf(Math.max(1, untilTomorrow)));
        String[] command = new String[2 + keys.size() + args.size()];
        command[0] = SCRIPT;
        command[1] = String.valueOf(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            command[2 + i] = keys.get(i);
        }
        for (int i = 0; i < args.size(); i++) {
            command[2 + keys.size() + i] = args.get(i);
        }
        return redis.execute("EVAL", command).map(reply -> {
            long wait = reply.toLong();
            return wait < 0 ? Optional.<OffsetDateTime>empty() : Optional.of(OffsetDateTime.now().plus(Duration.ofMillis(wait)));
        });
    }
}
