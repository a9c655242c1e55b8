package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.Problem;
import cn.lianxin.api.RetryLater;
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
    public static class Exceeded extends RetryLater {
        Exceeded(long retryAfterSeconds) {
            super(Problem.of(429, "Too many requests",
                    "提交太频繁，请 " + Math.max(1, retryAfterSeconds / 60) + " 分钟后再试 (too many submissions; try again later)."),
                    retryAfterSeconds);
        }
    }

    /**
     * Counts and, if the counter has no expiry, starts its window in one script: with INCR and PEXPIRE as two
     * commands, a crash between them left a counter that never expired and locked the resident out for good. An
     * expiry-less counter left by such a crash gets its window here too. Answers the count and the window's rest.
     */
    private static final String TAKE = """
            local count = redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('PTTL', KEYS[1])}""";

    /** Gives a slot back only while the window lasts: a DECR after it ended would create a counter without expiry. */
    private static final String GIVE_BACK = """
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECR', KEYS[1]) end
            return 0""";

    private final ReactiveRedisDataSource redis;
    private final MiniProgramSettings settings;

    public SubmitLimit(ReactiveRedisDataSource redis, MiniProgramSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    public Uni<Void> take(UUID residentId) {
        return redis.execute("EVAL", TAKE, "1", key(residentId), Long.toString(settings.submitWindow().toMillis())).map(reply -> {
            if (reply.get(0).toLong() > settings.submitLimit()) {
                throw new Exceeded(Math.max(1, reply.get(1).toLong() / 1000));
            }
            return null;
        });
    }

    /** Returns a slot taken by a submit that turned out to be a retry of one already registered. */
    public Uni<Void> giveBack(UUID residentId) {
        return redis.execute("EVAL", GIVE_BACK, "1", key(residentId)).replaceWithVoid();
    }

    static String key(UUID residentId) {
        return "lianxin:mp:submits:" + residentId;
    }
}
