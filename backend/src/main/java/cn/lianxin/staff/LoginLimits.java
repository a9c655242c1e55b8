package cn.lianxin.staff;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many sign-in attempts one client address and one username may make per window, asked before any password is
 * hashed so that a flood costs us a Redis round trip, not a PBKDF2. Fixed windows in Redis, shared by every
 * instance; one script checks both counters and counts the attempt only when neither is full, so concurrent
 * attempts cannot overshoot. A successful sign-in gives its slots back: the limits count failures, and a busy
 * office behind one address signs in as often as it needs. Unknown usernames are counted like known ones, so the
 * limit says nothing about which exist. Keys carry a hash of the username, never the name itself.
 */
@ApplicationScoped
public class LoginLimits {

    // KEYS: address counter, username counter. ARGV: their limits and windows (ms). Returns -1 when counted, else
    // the milliseconds until the full counter's window ends.
    private static final String TAKE = """
            local limits = {tonumber(ARGV[1]), tonumber(ARGV[3])}
            local windows = {ARGV[2], ARGV[4]}
            for i = 1, 2 do
              if tonumber(redis.call('GET', KEYS[i]) or '0') >= limits[i] then
                local left = redis.call('PTTL', KEYS[i])
                return left > 0 and left or tonumber(windows[i])
              end
            end
            for i = 1, 2 do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], windows[i]) end
            end
            return -1""";
    private static final String GIVE_BACK = """
            for i = 1, 2 do
              if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
            end
            return 0""";

    private final ReactiveRedisDataSource redis;
    private final int perAddress;
    private final Duration addressWindow;
    private final int perAccount;
    private final Duration accountWindow;

    public LoginLimits(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "lianxin.staff.login-limit.per-address") int perAddress,
            @ConfigProperty(name = "lianxin.staff.login-limit.address-window") Duration addressWindow,
            @ConfigProperty(name = "lianxin.staff.login-limit.per-account") int perAccount,
            @ConfigProperty(name = "lianxin.staff.login-limit.account-window") Duration accountWindow) {
        this.redis = redis;
        this.perAddress = perAddress;
        this.addressWindow = addressWindow;
        this.perAccount = perAccount;
        this.accountWindow = accountWindow;
    }

    /** Counts one attempt, or fails with 429 and the seconds until the full window ends. */
    public Uni<Void> take(String address, String username) {
        return redis.execute("EVAL", TAKE, "2", addressKey(address), accountKey(username), String.valueOf(perAddress),
                String.valueOf(addressWindow.toMillis()), String.valueOf(perAccount), String.valueOf(accountWindow.toMillis()))
                .map(reply -> {
                    long wait = reply.toLong();
                    if (wait >= 0) {
                        throw LoginThrottled.tooMany((wait + 999) / 1000);
                    }
                    return null;
                });
    }

    /** The attempt signed in: it does not count against the address or the username. */
    public Uni<Void> giveBack(String address, String username) {
        return redis.execute("EVAL", GIVE_BACK, "2", addressKey(address), accountKey(username)).replaceWithVoid();
    }

    private static String addressKey(String address) {
        return "lianxin:staff:login:address:" + address;
    }

    private static String accountKey(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
            return "lianxin:staff:login:account:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
