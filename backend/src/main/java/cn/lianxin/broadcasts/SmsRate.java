package cn.lianxin.broadcasts;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Aliyun account's API rate (SendSms calls per second), shared by every instance through one Redis counter
 * per second. A call over the rate waits for the next second: throttling holds a batch, it never drops one.
 */
@ApplicationScoped
public class SmsRate {

    private final ReactiveRedisDataSource redis;
    private final int callsPerSecond;

    public SmsRate(ReactiveRedisDataSource redis, @ConfigProperty(name = "lianxin.broadcast.sms-calls-per-second") int callsPerSecond) {
        this.redis = redis;
        this.callsPerSecond = callsPerSecond;
    }

    /** Completes when one more SendSms call fits in the account's rate. */
    public Uni<Void> take() {
        long second = System.currentTimeMillis() / 1000;
        String key = "lianxin:sms:calls:" + second;
        return redis.value(Long.class).incr(key).call(count -> count == 1 ? redis.key().expire(key, 2) : Uni.createFrom().voidItem())
                .chain(count -> {
                    if (count <= callsPerSecond) {
                        return Uni.createFrom().voidItem();
                    }
                    long wait = (second + 1) * 1000 - System.currentTimeMillis();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(Math.max(1, wait))).chain(this::take);
                });
    }
}
