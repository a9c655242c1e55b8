package cn.lianxin.channels.wecom;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.RedisKeyNotFoundException;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.common.redis.WxRedisOps;

/**
 * WxJava's Redis operations over the Quarkus Redis client, so that every instance reads and refreshes the same
 * access token (WxJava ships Jedis, Redisson and Spring variants; we use none of them). Blocking calls: only ever
 * made from the WeCom worker pool. The lock is a plain SET NX PX with an owner token, released only by its owner.
 */
final class RedisWxOps implements WxRedisOps {

    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    /** Longer than a gettoken call can take (the client's timeouts), so that a crashed holder frees the lock. */
    private static final Duration LOCK_LEASE = Duration.ofSeconds(30);

    private final RedisDataSource redis;

    RedisWxOps(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public String getValue(String key) {
        return redis.value(String.class).get(key);
    }

    @Override
    public void setValue(String key, String value, int expire, TimeUnit unit) {
        if (expire <= 0) {
            redis.value(String.class).set(key, value);
        } else {
            redis.value(String.class).psetex(key, unit.toMillis(expire), value);
        }
    }

    @Override
    public Long getExpire(String key) {
        try {
            return redis.key().ttl(key);
        } catch (RedisKeyNotFoundException e) {
            return null;
        }
    }

    @Override
    public void expire(String key, int expire, TimeUnit unit) {
        if (expire <= 0) {
            redis.key().del(key);
        } else {
            redis.key().pexpire(key, unit.toMillis(expire));
        }
    }

    @Override
    public Lock getLock(String key) {
        return new RedisLock(key);
    }

    private final class RedisLock implements Lock {
        private final String key;
        private final String owner = UUID.randomUUID().toString();

        RedisLock(String key) {
            this.key = key;
        }

        @Override
        public boolean tryLock() {
            Response set = redis.execute("SET", key, owner, "NX", "PX", Long.toString(LOCK_LEASE.toMillis()));
            return set != null;
        }

        @Override
        public void lock() {
            while (!tryLock()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + key, e);
                }
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            while (!tryLock()) {
                Thread.sleep(50);
            }
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(time);
            while (!tryLock()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(50);
            }
            return true;
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
