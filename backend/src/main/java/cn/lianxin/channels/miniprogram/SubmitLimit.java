package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * How many cases one resident may submit per window (a fixed window in Redis, shared by every instance). Retries
 * of a submit that was already registered do not count: they are answered before this is asked.
 */
@ApplicationScoped
public class SubmitLimit {

    /** 429 with the seconds until the window ends, for the Retry-After header. */
    public static class Exceeded extends ApiException {
        private final long retryAfterSeconds;

        Exceeded(long retryAfterSeconds) {
            super(Problem.of(429, "Too many requests",
                    "提交太频繁，请 " + Math.max(1, retryAfterSeconds / 60) + " 分钟后再试 (too many submissions; try again later)."));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final ReactiveRedisDataSource redis;
    private final MiniProgramSettings settings;

    public SubmitLimit(ReactiveRedisDataSource redis, MiniProgramSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    public Uni<Void> take(UUID residentId) {
        String key = key(residentId);
        return redis.execute("INCR", key).map(r -> r.toLong()).chain(count -> {
            if (count == 1) {
                return redis.execute("PEXPIRE", key, Long.toString(settings.submitWindow().toMillis())).replaceWithVoid();
            }
            if (count <= settings.submitLimit()) {
                return Uni.createFrom().voidItem();
            }
            return redis.execute("TTL", key).map(ttl -> {
                throw new Exceeded(Math.max(1, ttl.toLong()));
            });
        });
    }

    /** Returns a slot taken by a submit that turned out to be a retry of one already registered. */
    public Uni<Void> giveBack(UUID residentId) {
        return redis.execute("DECR", key(residentId)).replaceWithVoid();
    }

    private static String key(UUID residentId) {
        return "lianxin:mp:submits:" + residentId;
    }
}
