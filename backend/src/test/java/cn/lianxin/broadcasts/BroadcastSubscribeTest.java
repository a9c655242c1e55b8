package cn.lianxin.broadcasts;

import static cn.lianxin.testing.Api.asOffice;
import static cn.lianxin.testing.BroadcastSteps.approve;
import static cn.lianxin.testing.BroadcastSteps.compose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.channels.miniprogram.PushProcessor;
import cn.lianxin.testing.AliyunFake;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.BroadcastSteps;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramPushes;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.WechatFake;
import cn.lianxin.testing.Workers;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A policy as a WeChat subscribe message to the residents who consented to the policy template — one consent, one
 * message — in the preference order feed → subscribe message → SMS, through the WeChat fake, its sent events and
 * the Aliyun fake for the SMS that a failed subscribe message hands over to.
 */
@QuarkusTest
class BroadcastSubscribeTest {

    private static final List<String> ALL_CHANNELS = List.of("MINIPROGRAM", "SUBSCRIBE", "SMS");

    @Inject
    BroadcastSender sender;
    @Inject
    PushProcessor pushes;
    @Inject
    TestClock clock;
    @Inject
    Pool pool;

    ProviderFakes providers;

    @BeforeEach
    void daytime() {
        BroadcastSteps.otherCategory();
        clock.set(Instant.parse("2026-12-02T02:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Signed in, living in the town's village, with a bound number and {@code consents} accepts of the policy template. */
    private MiniProgramResident resident(Fixtures town, String phone, int consents) {
        MiniProgramResident r = MiniProgramResident.login();
        String code = Api.unique("phone-code");
        WechatFake.phone(providers.wechat, code, phone);
        r.api().body(Map.of("code", code)).post("/api/mp/phone").then().statusCode(200);
        r.api().body(Map.of("villageId", town.villageId())).put("/api/mp/me").then().statusCode(200);
        for (int i = 0; i < consents; i++) {
            r.api().body(Map.of("results", Map.of("tmpl-policy", "accept"))).post("/api/mp/subscriptions").then().statusCode(200);
        }
        return r;
    }

    private int policyConsentsLeft(MiniProgramResident r) {
        return r.api().get("/api/mp/subscriptions").then().statusCode(200).extract()
                .path("templates.find { it.templateId == 'tmpl-policy' }.remaining");
    }

    private List<LoggedRequest> subscribeMessagesTo(String openid) {
        return providers.wechat.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/cgi-bin/message/subscribe/send")))
                .stream().filter(r -> openid.equals(JsonPath.from(r.getBodyAsString()).getString("touser"))).toList();
    }

    private int broadcastSmsTo(String phone) {
        return (int) AliyunFake.sendSmsIncluding(providers.aliyun, phone).stream()
                .filter(r -> r.queryParameter("TemplateCode").firstValue().equals("SMS_LIANXIN_BROADCAST")).count();
    }

    private String row(String broadcastId, MiniProgramResident r, String channel) {
        return Database.strings(pool, "SELECT status || ' ' || coalesce(detail, '-') FROM broadcast_delivery"
                + " WHERE broadcast_id = $1 AND resident_id = $2 AND channel = $3", UUID.fromString(broadcastId), UUID.fromString(r.id()), channel).get(0);
    }

    private String msgid(String broadcastId, MiniProgramResident r) {
        return Database.strings(pool, "SELECT provider_message_id FROM broadcast_delivery WHERE broadcast_id = $1 AND resident_id = $2"
                + " AND channel = 'SUBSCRIBE'", UUID.fromString(broadcastId), UUID.fromString(r.id())).get(0);
    }

    private void sentEvent(MiniProgramResident r, String msgid, String errorCode, String status) {
        // Signed at the test clock's time: the push URL refuses a timestamp 5 minutes off our clock.
        MiniProgramPushes.push(r.openid(), MiniProgramPushes.sent(r.openid(), "tmpl-policy", msgid, errorCode, status),
                MiniProgramPushes.APP_ID, clock.instant().getEpochSecond()).post().statusCode(200);
        Workers.runOnce(pushes::runOnce);
    }

    @Test
    void aConsentingResidentGetsOneSubscribeMessageInsteadOfAnSmsAndARefusedOneFallsBackToSms() {
        Fixtures town = Fixtures.town();
        String consentingPhone = Api.uniquePhone();
        MiniProgramResident consenting = resident(town, consentingPhone, 2);
        String refusedPhone = Api.uniquePhone();
        MiniProgramResident refused = resident(town, refusedPhone, 1);
        WechatFake.refuseSubscribe(providers.wechat, refused.openid());
        String smsOnlyPhone = Api.uniquePhone();
        town.resident(smsOnlyPhone);

        String id = compose(List.of(town.villageId()), "城乡居民医保缴费", ALL_CHANNELS);
        approve(id);
        for (int i = 0; i < 4; i++) {
            Workers.runOnce(sender::runOnce);
        }

        List<LoggedRequest> sent = subscribeMessagesTo(consenting.openid());
        assertThat(sent).hasSize(1);
        JsonPath message = JsonPath.from(sent.get(0).getBodyAsString());
        assertThat(message.getString("template_id")).isEqualTo("tmpl-policy");
        assertThat(message.getString("page")).isEqualTo("pages/policy/index?id=" + id);
        assertThat(message.getString("data.thing1.value")).isEqualTo("城乡居民医保缴费");
        assertThat(message.getString("data.thing2.value")).isEqualTo("缴费时间和标准");
        assertThat(message.getString("data.time3.value")).isEqualTo("2026年12月2日 10:00");
        assertThat(row(id, consenting, "SUBSCRIBE")).isEqualTo("SENT -");
        assertThat(msgid(id, consenting)).isNotBlank();
        assertThat(row(id, consenting, "SMS")).isEqualTo("SKIPPED reached by a subscribe message");
        assertThat(broadcastSmsTo(consentingPhone)).isZero();
        assertThat(policyConsentsLeft(consenting)).isEqualTo(1);

        // WeChat refused (43101): the row failed, the consent count is zero, and the SMS standing by went instead.
        assertThat(subscribeMessagesTo(refused.openid())).hasSize(1);
        assertThat(row(id, refused, "SUBSCRIBE")).isEqualTo("FAILED WeChat 43101, no consent");
        assertThat(policyConsentsLeft(refused)).isZero();
        assertThat(row(id, refused, "SMS")).startsWith("SENT");
        assertThat(broadcastSmsTo(refusedPhone)).isEqualTo(1);
        assertThat(broadcastSmsTo(smsOnlyPhone)).isEqualTo(1);

        asOffice().get("/api/broadcasts/" + id).then().statusCode(200).body("state", equalTo("SENT"))
                .body("counts.SUBSCRIBE.SENT", equalTo(1)).body("counts.SUBSCRIBE.FAILED", equalTo(1))
                .body("counts.SUBSCRIBE.SKIPPED", equalTo(1)).body("counts.SMS.SENT", equalTo(2)).body("counts.SMS.SKIPPED", equalTo(1));
    }

    @Test
    void theSentEventMovesTheRowForwardNeverBackAndALateFailureGoesBySmsOnTheOfficesRetry() {
        Fixtures town = Fixtures.town();
        String deliveredPhone = Api.uniquePhone();
        MiniProgramResident delivered = resident(town, deliveredPhone, 1);
        String failedPhone = Api.uniquePhone();
        MiniProgramResident failed = resident(town, failedPhone, 1);
        String id = compose(List.of(town.villageId()), "冬季防火须知", ALL_CHANNELS);
        approve(id);
        for (int i = 0; i < 3; i++) {
            Workers.runOnce(sender::runOnce);
        }
        assertThat(row(id, delivered, "SUBSCRIBE")).isEqualTo("SENT -");
        assertThat(row(id, failed, "SUBSCRIBE")).isEqualTo("SENT -");
        asOffice().get("/api/broadcasts/" + id).then().body("state", equalTo("SENT"));

        sentEvent(delivered, msgid(id, delivered), "0", "success");
        sentEvent(failed, msgid(id, failed), "10001", "fail");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(row(id, delivered, "SUBSCRIBE")).isEqualTo("DELIVERED -");
            assertThat(row(id, failed, "SUBSCRIBE")).isEqualTo("FAILED WeChat delivery 10001 fail");
        });
        // A late, contrary outcome changes nothing.
        sentEvent(delivered, msgid(id, delivered), "10001", "fail");
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(pool,
                "SELECT count(*) FROM mp_inbound WHERE payload LIKE $1 AND processed_at IS NULL", "%" + delivered.openid() + "%") == 0);
        assertThat(row(id, delivered, "SUBSCRIBE")).isEqualTo("DELIVERED -");
        // The broadcast had been sent: the failed one waits for the office, whose retry sends its SMS, and only that one.
        assertThat(broadcastSmsTo(failedPhone)).isZero();
        BroadcastSteps.as(BroadcastSteps.secondOfficeAccount()).post("/api/broadcasts/" + id + "/retry-failed").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            Workers.runOnce(sender::runOnce);
        }
        assertThat(broadcastSmsTo(failedPhone)).isEqualTo(1);
        assertThat(broadcastSmsTo(deliveredPhone)).isZero();
        assertThat(subscribeMessagesTo(failed.openid())).hasSize(1);
        asOffice().get("/api/broadcasts/" + id).then().body("state", equalTo("SENT"));
    }

    @Test
    void quietHoursHoldSubscribeMessagesUntilMorningLikeSms() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = resident(town, Api.uniquePhone(), 1);
        String id = compose(List.of(town.villageId()), "春耕补贴申报", ALL_CHANNELS);
        approve(id);
        clock.set(Instant.parse("2026-12-02T14:30:00Z")); // 22:30 in Beijing
        Workers.runOnce(sender::runOnce);
        Workers.runOnce(sender::runOnce);
        assertThat(subscribeMessagesTo(r.openid())).isEmpty();
        assertThat(row(id, r, "SUBSCRIBE")).startsWith("PENDING quiet hours: waits until 2026-12-03T08:00");

        clock.set(Instant.parse("2026-12-03T00:01:00Z")); // 08:01
        Workers.runOnce(sender::runOnce);
        assertThat(subscribeMessagesTo(r.openid())).hasSize(1);
    }
}
