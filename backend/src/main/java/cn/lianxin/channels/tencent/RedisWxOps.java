package cn.lianxin.channels.tencent;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.common.redis.WxRedisOps;

/**
 * WxJava's token store on our Redis, for the mini-program and WeCom alike, so that every instance uses one access
 * token and one refresh lock: fetching a new token invalidates the old one after five minutes, so two instances
 * refreshing on their own would keep knocking each other's token out. Called by WxJava on each channel's worker
 * threads, never on the event loop, hence the blocking client.
 */
@ApplicationScoped
public class RedisWxOps implements WxRedisOps {

    /** Long enough for one token request with WxJava's retries; a crashed holder's lock frees itself. */
    private static final long LOCK_MILLIS = 30_000;
    private static final long POLL_MILLIS = 50;
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisDataSource redis;

    public RedisWxOps(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public String getValue(String key) {
        Response value = redis.execute("GET", key);
        return value == null ? null : value.toString();
    }

    @Override
    public void setValue(String key, String value, int expire, TimeUnit unit) {
        if (expire > 0) {
            redis.execute("SET", key, value, "PX", Long.toString(unit.toMillis(expire)));
        } else {
            redis.execute("SET", key, value);
        }
    }

    /** Seconds to live; -2 for a missing key and -1 for one without expiry, which WxJava both treats as expired. */
    @Override
    public Long getExpire(String key) {
        return redis.execute("TTL", key).toLong();
    }

    @Override
    public void expire(String key, int expire, TimeUnit unit) {
        redis.execute("PEXPIRE", key, Long.toString(unit.toMillis(expire)));
    }

    @Override
    public Lock getLock(String key) {
        return new RedisLock(key);
    }

    /** SET NX with an expiry and an owner token; released only by its owner (compare-and-delete in Lua). */
    private final class RedisLock implements Lock {
        private final String key;
        private final String owner = UUID.randomUUID().toString();

        RedisLock(String key) {
            this.key = key;
        }

        @Override
        public boolean tryLock() {
            return redis.execute("SET", key, owner, "NX", "PX", Long.toString(LOCK_MILLIS)) != null;
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(time);
            while (!tryLock()) {
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
            return true;
        }

        @Override
        public void lock() {
            try {
                lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + key, e);
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            while (!tryLock()) {
                Thread.sleep(POLL_MILLIS);
            }
        }

        @Override
        public void unlock() {
            redis.execute("EVAL", RELEASE, "1", key, owner);
        }

        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("a Redis lock has no conditions");
        }
    }
}
