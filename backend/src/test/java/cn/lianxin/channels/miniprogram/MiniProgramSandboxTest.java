package cn.lianxin.channels.miniprogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianxin.api.ApiException;
import cn.lianxin.sandbox.SandboxGuard;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Local mode without a WeChat account: sign-in, phone binding and content security still answer, offline. */
class MiniProgramSandboxTest {

    private static final String SANDBOX_OPENID = "sandbox-devtools";
    private static final String SANDBOX_PHONE = "13800138000";
    private static Vertx vertx;
    private static MiniProgramClient client;

    @BeforeAll
    static void aSandboxedClient() {
        vertx = Vertx.vertx();
        // No Redis and no secret: a sandboxed client needs neither.
        client = new MiniProgramClient(new Sandboxed(), vertx, null, new SandboxGuard(List.of("local"), List.of("lianxin.wechat.miniapp.sandbox"), false));
    }

    @AfterAll
    static void close() {
        client.close();
        vertx.closeAndAwait();
    }

    @Test
    void shouldSignEveryDevToolsCodeInAsTheOneSandboxResident() {
        // DevTools' wx.login gives a fresh code each time; the resident (and their cases) must stay the same.
        MiniProgramClient.Session first = client.session("0a3Xk2ll2yN0Ae4Tz1ml2Kf7Ck3Xk2lO").await().indefinitely();
        MiniProgramClient.Session next = client.session("0b1Qz7000dqbjR1Ph9200cE2Lx0Qz70t").await().indefinitely();
        assertThat(first.openid()).isEqualTo(SANDBOX_OPENID).isEqualTo(next.openid());
        assertThat(first.unionid()).isNull();
    }

    @Test
    void shouldSignANamedSandboxCodeInAsThatResident() {
        MiniProgramClient.Session wang = client.session("sandbox-wang").await().indefinitely();
        MiniProgramClient.Session wangAgain = client.session("sandbox-wang").await().indefinitely();
        MiniProgramClient.Session li = client.session("sandbox-li").await().indefinitely();
        assertThat(wang.openid()).isEqualTo("sandbox-wang").isEqualTo(wangAgain.openid());
        assertThat(li.openid()).isEqualTo("sandbox-li");
        // Not a name: spaces or an over-long name are DevTools-like codes, the one resident.
        assertThat(client.session("sandbox-no spaces").await().indefinitely().openid()).isEqualTo(SANDBOX_OPENID);
        assertThat(client.session("sandbox-" + "x".repeat(41)).await().indefinitely().openid()).isEqualTo(SANDBOX_OPENID);
    }

    @Test
    void shouldTakeTheNumberFromASandboxPhoneCode() {
        assertThat(client.phoneNumber("sandbox-13900000000").await().indefinitely()).isEqualTo("13900000000");
    }

    @Test
    void shouldBindTheConfiguredNumberForADevToolsPhoneCode() {
        // DevTools' phone dialog gives an opaque code with no number in it.
        assertThat(client.phoneNumber("e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144").await().indefinitely())
                .isEqualTo(SANDBOX_PHONE);
    }

    @Test
    void shouldRefuseSandboxSignInOutsideTheLocalAndTestProfilesEvenWhenAcknowledged() {
        MiniProgramClient acknowledged = new MiniProgramClient(new Sandboxed(), vertx, null,
                new SandboxGuard(List.of("prod"), List.of("lianxin.wechat.miniapp.sandbox"), true));
        try {
            assertThatThrownBy(() -> acknowledged.session("sandbox-mallory").await().indefinitely())
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
            assertThatThrownBy(() -> acknowledged.phoneNumber("sandbox-13900000000").await().indefinitely()).isInstanceOf(ApiException.class);
        } finally {
            acknowledged.close();
        }
    }

    @Test
    void shouldPassEveryTextInTheSandbox() {
        assertThat(client.checkText("sandbox-x", "任何内容").await().indefinitely().suggest()).isEqualTo(MiniProgramClient.Suggest.PASS);
    }

    private static final class Sandboxed implements MiniProgramSettings {
        public boolean sandbox() { return true; }
        public String appId() { return "sandbox"; }
        public String sandboxOpenid() { return SANDBOX_OPENID; }
        public String sandboxPhone() { return SANDBOX_PHONE; }
        public Optional<String> secret() { return Optional.empty(); }
        public String apiHostUrl() { return "http://127.0.0.1:9"; }
        public Duration tokenLifetime() { return Duration.ofHours(2); }
        public Duration refreshLifetime() { return Duration.ofDays(30); }
        public SubscribeTemplates templates() { return null; }
        public Push push() { return null; }
        public Optional<String> publicUrl() { return Optional.empty(); }
        public String casePage() { return "pages/case-detail/index"; }
        public String bookingsPage() { return "pages/bookings/index"; }
        public String policyPage() { return "pages/policy/index"; }
        public String miniprogramState() { return "developer"; }
        public int submitLimit() { return 10; }
        public Duration submitWindow() { return Duration.ofHours(1); }
        public int workerThreads() { return 1; }
    }
}
