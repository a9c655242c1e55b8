package cn.lianxin.channels.miniprogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianxin.api.ApiException;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Local mode without a WeChat account: sign-in, phone binding and content security still answer, offline. */
class MiniAppSandboxTest {

    private static Vertx vertx;
    private static MiniAppClient client;

    @BeforeAll
    static void aSandboxedClient() {
        vertx = Vertx.vertx();
        // No Redis and no secret: a sandboxed client needs neither.
        client = new MiniAppClient(new Sandboxed(), vertx, null);
    }

    @AfterAll
    static void close() {
        client.close();
        vertx.closeAndAwait();
    }

    @Test
    void shouldSignTheSameCodeInAsTheSameSandboxResident() {
        MiniAppClient.Session first = client.session("demo-villager").await().indefinitely();
        MiniAppClient.Session again = client.session("demo-villager").await().indefinitely();
        MiniAppClient.Session other = client.session("someone-else").await().indefinitely();
        assertThat(first.openid()).startsWith("sandbox-").isEqualTo(again.openid()).isNotEqualTo(other.openid());
    }

    @Test
    void shouldTakeTheNumberFromASandboxPhoneCode() {
        assertThat(client.phoneNumber("sandbox-13800000000").await().indefinitely()).isEqualTo("13800000000");
        assertThatThrownBy(() -> client.phoneNumber("no-number-here"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem().errors().get(0).field()).isEqualTo("code"));
    }

    @Test
    void shouldPassEveryTextInTheSandbox() {
        assertThat(client.checkText("sandbox-x", "任何内容").await().indefinitely().suggest()).isEqualTo(MiniAppClient.Suggest.PASS);
    }

    private static final class Sandboxed implements MiniAppSettings {
        public boolean sandbox() { return true; }
        public String appId() { return "sandbox"; }
        public Optional<String> secret() { return Optional.empty(); }
        public String apiHostUrl() { return "http://127.0.0.1:9"; }
        public Duration tokenLifetime() { return Duration.ofHours(2); }
        public Duration refreshLifetime() { return Duration.ofDays(30); }
        public SubscribeTemplates templates() { return null; }
        public String casePage() { return "pages/case-detail/index"; }
        public String miniprogramState() { return "developer"; }
        public int submitLimit() { return 10; }
        public Duration submitWindow() { return Duration.ofHours(1); }
        public int workerThreads() { return 1; }
    }
}
