package cn.lianxin.channels.wecom;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WeCom's per-member limits for one app (30 messages a minute, 1,000 an hour; beyond them WeCom drops messages
 * silently), counted in Redis so that every instance counts the same sends. Windows are fixed (calendar minute
 * and hour), an approximation of WeCom's own. What is over the limit is held and goes out, all of it, as one
 * digest in a later window ({@link WeComDispatcher}), so a burst ends in a digest instead of lost notices.
 */
@ApplicationScoped
class MemberLimits {

    private final ReactiveRedisDataSource redis;
    private final int perMinute;
    private final int perHour;

    MemberLimits(ReactiveRedisDataSource redis, @ConfigProperty(name = "lianxin.wecom.limits.per-minute") int perMinute,
            @ConfigProperty(name = "lianxin.wecom.limits.per-hour") int perHour) {
        this.redis = redis;
        this.perMinute = perMinute;
        this.perHour = perHour;
    }

    /** Counts a message to {@code userId}; false when it must be held for the digest. */
    Uni<Boolean> admitOne(String userId) {
        Instant now = Instant.now();
        return count(minuteKey(userId, now), Duration.ofMinutes(2))
                .chain(minute -> count(hourKey(userId, now), Duration.ofHours(2)).map(hour -> minute <= perMinute && hour <= perHour));
    }

    private Uni<Long> count(String key, Duration keep) {
        return redis.value(Long.class).incr(key).call(n -> n == 1 ? redis.key().expire(key, keep) : Uni.createFrom().voidItem());
    }

    static String minuteKey(String userId, Instant at) {
        return "lianxin:wecom:sent:" + userId + ":m:" + at.getEpochSecond() / 60;
    }

    static String hourKey(String userId, Instant at) {
        return "lianxin:wecom:sent:" + userId + ":h:" + at.getEpochSecond() / 3600;
    }
}
