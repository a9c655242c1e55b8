package cn.lianxin.attachments;

import cn.lianxin.api.Problem;
import cn.lianxin.api.RetryLater;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import io.smallrye.config.ConfigMapping;

/**
 * How much one resident may upload: at most {@link Limits#rateFiles} photos per {@link Limits#rateWindow}, and at
 * most {@link Limits#quotaBytes} per {@link Limits#quotaWindow} (fixed windows in Redis, shared by every instance). Asked before a
 * file is written, so a refused upload costs no disk; a refused upload does not count.
 */
@ApplicationScoped
public class UploadQuota {

    /** 429 with the seconds until the window that refused ends, for the Retry-After header. */
    public static class Exceeded extends RetryLater {
        Exceeded(String detail, long retryAfterSeconds) {
            super(Problem.of(429, "Too many uploads", detail), retryAfterSeconds);
        }
    }

    /**
     * Counts the file and its bytes, starting each window's expiry, and takes both back if either limit is passed,
     * all in one script: concurrent uploads cannot all slip under the quota, and no counter is left without expiry.
     * Answers {0 = admitted | 1 = too many files | 2 = too many bytes, milliseconds until that window ends}.
     */
    private static final String TAKE = """
            local files = redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local bytes = redis.call('INCRBY', KEYS[2], ARGV[5])
            if redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
            local refused = 0
            if files > tonumber(ARGV[2]) then refused = 1 elseif bytes > tonumber(ARGV[4]) then refused = 2 end
            if refused == 0 then return {0, 0} end
            redis.call('DECR', KEYS[1])
            redis.call('DECRBY', KEYS[2], ARGV[5])
            return {refused, redis.call('PTTL', KEYS[refused])}""";

    /** {@code lianxin.uploads.resident.*} */
    @ConfigMapping(prefix = "lianxin.uploads.resident")
    public interface Limits {
        int rateFiles();

        Duration rateWindow();

        long quotaBytes();

        Duration quotaWindow();
    }

    private final ReactiveRedisDataSource redis;
    private final Limits limits;

    public UploadQuota(ReactiveRedisDataSource redis, Limits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    public Uni<Void> take(UUID residentId, long size) {
        return redis.execute("EVAL", TAKE, "2", "lianxin:uploads:files:" + residentId, "lianxin:uploads:bytes:" + residentId,
                Long.toString(limits.rateWindow().toMillis()), Integer.toString(limits.rateFiles()),
                Long.toString(limits.quotaWindow().toMillis()), Long.toString(limits.quotaBytes()), Long.toString(Math.max(0, size))).map(reply -> {
                    long refused = reply.get(0).toLong();
                    long retryAfter = reply.get(1).toLong() / 1000;
                    if (refused == 1) {
                        throw new Exceeded("上传太频繁，请稍后再试 (more than " + limits.rateFiles() + " photos in " + limits.rateWindow().toMinutes()
                                + " minutes; try again later).", retryAfter);
                    }
                    if (refused == 2) {
                        throw new Exceeded("今天上传的图片已达上限 (more than " + limits.quotaBytes() / (1024 * 1024) + " MB of photos in "
                                + limits.quotaWindow().toHours() + " hours).", retryAfter);
                    }
                    return null;
                });
    }
}
