package cn.lianxin.channels.miniprogram;

import static cn.lianxin.testing.Api.asOffice;
import static cn.lianxin.testing.MiniProgramResident.login;
import static cn.lianxin.testing.MiniProgramResident.submit;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramPushes;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WeChat's message push to the mini-program's callback URL, signed and encrypted as its docs say, through HTTP. */
@QuarkusTest
class MiniProgramPushTest {

    ProviderFakes providers;

    @Inject
    Pool pool;

    @Inject
    PushProcessor processor;

    private long pushesFrom(String openid) {
        return Database.count(pool, "SELECT count(*) FROM mp_inbound WHERE payload LIKE $1", "%\"" + openid + "\"%");
    }

    private void process() {
        Workers.runOnce(processor::runOnce);
    }

    @Test
    void shouldAnswerTheUrlCheckAndRefuseWhatWechatDidNotSign() {
        MiniProgramPushes.verify(TestSecrets.WECHAT_PUSH_TOKEN, "4375120948345356249").statusCode(200).body(equalTo("4375120948345356249"));
        MiniProgramPushes.verify("another-token", "4375120948345356249").statusCode(403);

        String openid = "o-stranger-" + System.nanoTime();
        String popup = MiniProgramPushes.popup(openid, System.currentTimeMillis() / 1000, "tmpl-reply", "accept");
        MiniProgramPushes.Delivery good = MiniProgramPushes.push(openid, popup);
        // One hex digit changed (a fixed "0" would be no change for one signature in sixteen).
        String tampered = (good.msgSignature().charAt(0) == '0' ? "1" : "0") + good.msgSignature().substring(1);
        new MiniProgramPushes.Delivery(good.signature(), tampered, good.timestamp(), good.nonce(), openid, good.body())
                .post().statusCode(403).contentType("application/problem+json");
        MiniProgramPushes.push(openid, popup, "wx-another-app", System.currentTimeMillis() / 1000).post().statusCode(403);
        MiniProgramPushes.push(openid, popup, MiniProgramPushes.APP_ID, System.currentTimeMillis() / 1000 - 600).post().statusCode(403);
        // Safe mode is configured: a push in plain mode, however well signed, is not WeChat's.
        io.restassured.RestAssured.given().queryParam("signature", good.signature()).queryParam("timestamp", good.timestamp())
                .queryParam("nonce", good.nonce()).contentType("application/json").body(popup).post("/api/wechat/miniapp/push")
                .then().statusCode(403);

        assertThat(pushesFrom(openid)).isZero();
    }

    @Test
    void shouldStoreAReplayedPushOnceAndCountItsConsentOnce() {
        MiniProgramResident r = login();
        MiniProgramPushes.Delivery push = MiniProgramPushes.push(r.openid(),
                MiniProgramPushes.popup(r.openid(), System.currentTimeMillis() / 1000, "tmpl-reply", "accept"));

        for (int i = 0; i < 3; i++) {
            push.post().statusCode(200).body(equalTo("success"));
        }
        assertThat(pushesFrom(r.openid())).isEqualTo(1);
        process();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> r.api().get("/api/mp/subscriptions").then()
                .body("templates.find { it.templateId == 'tmpl-reply' }.remaining", equalTo(1))
                .body("templates.find { it.templateId == 'tmpl-reply' }.answeredVia", equalTo("WECHAT_POPUP")));
        // Replayed after processing: still one push, still one consent.
        push.post().statusCode(200);
        process();
        assertThat(pushesFrom(r.openid())).isEqualTo(1);
        r.api().get("/api/mp/subscriptions").then().body("templates.find { it.templateId == 'tmpl-reply' }.remaining", equalTo(1));
    }

    @Test
    void shouldMoveASubscribeMessageToDeliveredOrFailedAndNeverBack() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept", "tmpl-feedback", "accept"))).post("/api/mp/subscriptions").then().statusCode(200);
        String caseId = submit(r, town, "k", "村委会门口的路面塌陷了一个坑", List.of(), 201);
        asOffice().post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(200);
        asOffice().body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + caseId + "/commands/handling").then().statusCode(200);
        asOffice().body(Map.of("text", "已安排施工队本周内填平")).post("/api/cases/" + caseId + "/commands/reply").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(pool,
                "SELECT count(*) FROM outbound_message WHERE resident_id = $1::uuid AND channel = 'MINIPROGRAM' AND status = 'SENT'", r.id()) == 2);
        String reply = msgidOf(r, "tmpl-reply");
        String prompt = msgidOf(r, "tmpl-feedback");
        // The msgid kept is the one WeChat answered the send with.
        assertThat(providers.wechat.getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().startsWith("/cgi-bin/message/subscribe/send"))
                .extracting(e -> e.getResponse().getBodyAsString()).anyMatch(b -> b.contains("\"msgid\":" + reply));

        MiniProgramPushes.push(r.openid(), MiniProgramPushes.sent(r.openid(), "tmpl-reply", reply, "0", "success")).post().statusCode(200);
        MiniProgramPushes.push(r.openid(), MiniProgramPushes.sent(r.openid(), "tmpl-feedback", prompt, "10001", "fail")).post().statusCode(200);
        process();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(statusOf(reply)).isEqualTo("DELIVERED null");
            assertThat(statusOf(prompt)).isEqualTo("FAILED WeChat delivery 10001 fail; no bound phone to fall back to");
        });

        // Late and contrary outcomes change nothing.
        MiniProgramPushes.push(r.openid(), MiniProgramPushes.sent(r.openid(), "tmpl-reply", reply, "10001", "fail")).post().statusCode(200);
        MiniProgramPushes.push(r.openid(), MiniProgramPushes.sent(r.openid(), "tmpl-feedback", prompt, "0", "success")).post().statusCode(200);
        process();
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(pool,
                "SELECT count(*) FROM mp_inbound WHERE payload LIKE $1 AND processed_at IS NULL", "%" + r.openid() + "%") == 0);
        assertThat(statusOf(reply)).isEqualTo("DELIVERED null");
        assertThat(statusOf(prompt)).startsWith("FAILED WeChat delivery 10001 fail");
        assertThat(Database.strings(pool, "SELECT outcome FROM mp_inbound WHERE payload LIKE $1 ORDER BY id", "%" + r.openid() + "%"))
                .containsExactly("delivered " + idOf(reply), "failed " + idOf(prompt), "already DELIVERED", "already FAILED");
    }

    @Test
    void shouldRecordAConsentRejectedInSettingsThenAcceptedInAPopup() {
        MiniProgramResident r = login();
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept"))).post("/api/mp/subscriptions").then().statusCode(200);
        long now = System.currentTimeMillis() / 1000;

        // 拒收 in 服务通知 settings: WeChat will refuse every message, so none is left.
        MiniProgramPushes.push(r.openid(), MiniProgramPushes.change(r.openid(), now + 1, "tmpl-reply", "reject")).post().statusCode(200);
        process();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> r.api().get("/api/mp/subscriptions").then()
                .body("templates.find { it.templateId == 'tmpl-reply' }.remaining", equalTo(0))
                .body("templates.find { it.templateId == 'tmpl-reply' }.lastAnswer", equalTo("reject"))
                .body("templates.find { it.templateId == 'tmpl-reply' }.answeredVia", equalTo("WECHAT_SETTINGS")));

        // Accepted again in a popup: the mini-program reports it and WeChat pushes it; one popup, one message.
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept"))).post("/api/mp/subscriptions").then().statusCode(200);
        long popupTime = System.currentTimeMillis() / 1000 + 2;
        MiniProgramPushes.push(r.openid(), MiniProgramPushes.popup(r.openid(), popupTime, "tmpl-reply", "accept")).post().statusCode(200);
        process();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> r.api().get("/api/mp/subscriptions").then()
                .body("templates.find { it.templateId == 'tmpl-reply' }.remaining", equalTo(1))
                .body("templates.find { it.templateId == 'tmpl-reply' }.lastAnswer", equalTo("accept")));
        assertThat(Database.strings(pool, """
                SELECT answer || ' ' || source || ' ' || (paired_with IS NOT NULL) FROM mp_consent
                WHERE resident_id = $1::uuid ORDER BY id""", r.id()))
                .containsExactly("accept MINIPROGRAM false", "reject WECHAT_SETTINGS false", "accept MINIPROGRAM true", "accept WECHAT_POPUP true");
    }

    private String msgidOf(MiniProgramResident r, String template) {
        return Database.strings(pool, """
                SELECT m.provider_message_id FROM outbound_message m
                WHERE m.resident_id = $1::uuid AND m.channel = 'MINIPROGRAM' AND m.purpose = $2""", r.id(),
                template.equals("tmpl-reply") ? "CASE_REPLY" : "FEEDBACK_PROMPT").get(0);
    }

    private String statusOf(String msgid) {
        return Database.strings(pool, "SELECT status || ' ' || coalesce(last_error, 'null') FROM outbound_message WHERE provider_message_id = $1",
                msgid).get(0);
    }

    private String idOf(String msgid) {
        return Database.strings(pool, "SELECT id FROM outbound_message WHERE provider_message_id = $1", msgid).get(0);
    }
}
