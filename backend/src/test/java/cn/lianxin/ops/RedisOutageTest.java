package cn.lianxin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import cn.lianxin.api.ProblemMappers;
import cn.lianxin.staff.LoginLimits;
import cn.lianxin.staff.LoginThrottled;
import cn.lianxin.staff.TokenVersions;
import cn.lianxin.testing.LocalRedis;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.redis.client.RedisOptions;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away: what asks it fails closed — a sign-in attempt is not admitted uncounted, a token is not taken on
 * trust — and the client is answered 503 with Retry-After (nothing was done), never a 500; once Redis is back the
 * same client works again without a restart. On a Redis of the test's own ({@link LocalRedis}), because the Redis the
 * Quarkus tests share must stay up, so these are the classes the application uses driven by a client built as
 * Quarkus builds it, not the whole application (which would need a second profile).
 */
class RedisOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static LocalRedis server;
    private static Vertx vertx;
    private static ReactiveRedisDataSourceImpl redis;

    @BeforeAll
    static void startOwnRedis() {
        server = new LocalRedis("target/redis-outage");
        server.start();
        vertx = Vertx.vertx();
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.url()));
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    @AfterAll
    static void stopOwnRedis() {
        vertx.closeAndAwait();
        server.stop();
    }

    /** The answer the API gives a request that met {@code failure}. */
    private static Response answerTo(Throwable failure) {
        return new ProblemMappers().unexpected((Exception) failure);
    }

    private static void assertRefusedForNow(Throwable failure) {
        assertThat(failure).as("refused while Redis is down").isNotNull();
        Response answer = answerTo(failure);
        assertThat(answer.getStatus()).as("answer to " + failure).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(answer.getMediaType()).hasToString("application/problem+json");
    }

    @Test
    void shouldRefuseSignInAttemptsWhileRedisIsDownAndCountThemAgainOnceItIsBack() {
        LoginLimits limits = new LoginLimits(redis, 2, Duration.ofMinutes(10), 10, Duration.ofMinutes(15));
        limits.take("192.0.2.7", "clerk").await().atMost(WAIT);

        server.stop();
        try {
            assertRefusedForNow(catchThrowable(() -> limits.take("192.0.2.7", "clerk").await().atMost(WAIT)));
        } finally {
            server.start();
        }

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> limits.take("192.0.2.7", "clerk").await().atMost(WAIT));
        // The count kept through the outage (two per address): the refused attempt was never counted, nor admitted.
        assertThat(catchThrowable(() -> limits.take("192.0.2.7", "clerk").await().atMost(WAIT))).isInstanceOf(LoginThrottled.class);
    }

    @Test
    void shouldNotTakeATokenOnTrustWhileRedisIsDown() {
        // Only reached on a cache miss, which this test never has: a database nobody listens on.
        Pool unreachable = PgBuilder.pool().connectingTo(new PgConnectOptions().setPort(1)).using(vertx).build();
        TokenVersions versions = new TokenVersions(unreachable, redis, Duration.ofMinutes(1));
        redis.value(Long.class).set("lianxin:token-version:staff:clerk", 4L).await().atMost(WAIT);
        TokenVersions.Holder clerk = TokenVersions.Holder.staff("clerk");
        assertThat(versions.holds(clerk, 4, null).await().atMost(WAIT)).isTrue();

        server.stop();
        try {
            assertRefusedForNow(catchThrowable(() -> versions.holds(clerk, 4, null).await().atMost(WAIT)));
        } finally {
            server.start();
        }

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> versions.holds(clerk, 4, null).await().atMost(WAIT));
        assertThat(versions.holds(clerk, 3, null).await().atMost(WAIT)).isFalse();
        unreachable.closeAndAwait();
    }
}
