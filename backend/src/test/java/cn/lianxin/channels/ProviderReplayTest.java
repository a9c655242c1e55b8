package cn.lianxin.channels;

import static cn.lianxin.testing.Api.asOffice;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.channels.miniprogram.PushProcessor;
import cn.lianxin.channels.sms.ReceiptProcessor;
import cn.lianxin.channels.sms.UplinkProcessor;
import cn.lianxin.channels.wecom.WeComProcessor;
import cn.lianxin.testing.AliyunFake;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramPushes;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.WeComCallbacks;
import cn.lianxin.testing.WeComMember;
import cn.lianxin.testing.Workers;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every provider push replayed the way providers replay them — three times one after another (a retry after a slow
 * answer), then three at once (retries crossing a first delivery still in flight) — is one stored push with one
 * effect: one case and one acknowledgement for a text, one status move for a receipt or a delivery event, one
 * signing-for for a card tap, one answer for a WeCom command, one consent for a popup. Asserted from PostgreSQL and
 * from what reached the provider fakes, after every worker has had a further round in which a doubled row would show.
 */
@QuarkusTest
class ProviderReplayTest {

    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final String ALIYUN = "/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/";
    private static final AtomicLong MSG_IDS = new AtomicLong(System.nanoTime());

    ProviderFakes providers;

    @Inject
    Pool pool;

    @Inject
    UplinkProcessor uplinks;

    @Inject
    ReceiptProcessor receipts;

    @Inject
    WeComProcessor wecom;

    @Inject
    PushProcessor miniProgramPushes;

    @BeforeEach
    void aTownAndTheDefaultCategoryOfTextedConcernsExist() {
        // A text becomes a case only where a town is active; the suite may run this class first.
        Fixtures.town();
        int status = asOffice().body(Map.of("code", "other", "name", "其他", "workField", "GENERAL")).post("/api/categories").statusCode();
        assertThat(status).isIn(201, 409);
    }

    /** The delivery three times in a row, then three times at once from a pool of three threads; every answer {@code status}. */
    private static void replay(Supplier<Integer> delivery, int status) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(delivery.get()).isEqualTo(status);
        }
        assertThat(Api.atOnce(3, delivery::get)).containsOnly(status);
    }

    /** One more round of every inbound worker: a second row, had one been stored, would be acted on now. */
    private void everyWorkerOnceMore() {
        Workers.runOnce(uplinks::runOnce);
        Workers.runOnce(receipts::runOnce);
        Workers.runOnce(wecom::runOnce);
        Workers.runOnce(miniProgramPushes::runOnce);
    }

    private static int aliyunPush(String kind, String body) {
        return given().contentType(ContentType.JSON).body(body).post(ALIYUN + kind).statusCode();
    }

    private static String smsUp(String phone, long sequence) {
        return """
                [{"phone_number":"%s","content":"村口的路灯坏了三个月了","send_time":"2026-11-27 09:15:02","dest_code":"","sequence_id":%d}]"""
                .formatted(phone, sequence);
    }

    private static Optional<String> residentOf(String phone) {
        return Optional.ofNullable(asOffice().queryParam("phone", phone).get("/api/residents").then().extract().path("items[0].id"));
    }

    private static List<Map<String, Object>> smsTo(String resident, String template) {
        return asOffice().queryParam("residentId", resident).queryParam("channel", "SMS").get("/api/messages").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("items").stream().filter(m -> template.equals(m.get("template"))).toList();
    }

    /** The resident's acknowledgement once Aliyun accepted it. */
    private static Map<String, Object> sentAcknowledgement(String phone) {
        return await().atMost(PIPELINE).until(() -> residentOf(phone).map(r -> smsTo(r, "CASE_REGISTERED")).orElse(List.of()),
                acks -> acks.size() == 1 && "SENT".equals(acks.get(0).get("status"))).get(0);
    }

    @Test
    void shouldMakeOneCaseAndOneAcknowledgementOfAnSmsPushedSixTimes() throws Exception {
        String phone = Api.uniquePhone();
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);

        replay(() -> aliyunPush("sms-up", smsUp(phone, sequence)), 200);

        assertThat(Database.count(pool, "SELECT count(*) FROM sms_uplink WHERE sequence_id = $1", String.valueOf(sequence))).isOne();
        Map<String, Object> ack = sentAcknowledgement(phone);
        everyWorkerOnceMore();
        String resident = residentOf(phone).orElseThrow();
        assertThat(Database.count(pool, "SELECT count(*) FROM cases WHERE resident_id = $1::uuid", resident)).isOne();
        assertThat(smsTo(resident, "CASE_REGISTERED")).hasSize(1);
        assertThat(AliyunFake.sendSmsTo(providers.aliyun, phone)).singleElement()
                .satisfies(send -> assertThat(send.queryParameter("OutId").firstValue()).isEqualTo(ack.get("id")));
    }

    @Test
    void shouldMoveAMessageToDeliveredOnceWhenItsReceiptIsPushedSixTimes() throws Exception {
        String phone = Api.uniquePhone();
        aliyunPush("sms-up", smsUp(phone, ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L)));
        Map<String, Object> ack = sentAcknowledgement(phone);
        String messageId = (String) ack.get("id");

        replay(() -> aliyunPush("sms-report", AliyunFake.deliveredReceipt(phone, messageId)), 200);

        assertThat(Database.count(pool, "SELECT count(*) FROM sms_receipt WHERE out_id = $1", messageId)).isOne();
        await().atMost(PIPELINE).until(() -> Database.count(pool,
                "SELECT count(*) FROM outbound_message WHERE id = $1::uuid AND status = 'DELIVERED'", messageId) == 1);
        everyWorkerOnceMore();
        assertThat(Database.count(pool, "SELECT count(*) FROM case_activity WHERE case_id = $1::uuid AND action = 'SMS_DELIVERED'",
                ack.get("caseId"))).isOne();
        assertThat(AliyunFake.sendSmsTo(providers.aliyun, phone)).hasSize(1);
    }

    /** A case registered at the office and assigned to the member. */
    private static String assignedCase(Fixtures town, WeComMember member) {
        String id = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "村口的路灯坏了三个月了")).post("/api/cases").then().statusCode(201).extract().path("id");
        asOffice().body(Map.of("representativeId", member.id())).post("/api/cases/" + id + "/commands/assign").then().statusCode(200);
        return id;
    }

    private List<LoggedRequest> wecomCalls(String path, String recipientPath, WeComMember member) {
        return providers.wecom.findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(matchingJsonPath(recipientPath, equalTo(member.userId()))));
    }

    private String cardTaskFor(WeComMember member, String caseId) {
        String hex = caseId.replace("-", "");
        return await().atMost(PIPELINE).until(() -> wecomCalls("/cgi-bin/message/send", "$.touser", member).stream()
                .map(r -> JsonPath.from(r.getBodyAsString()))
                .filter(j -> "template_card".equals(j.getString("msgtype")) && j.getString("template_card.task_id").startsWith(hex))
                .map(j -> j.getString("template_card.task_id")).findFirst(), Optional::isPresent).orElseThrow();
    }

    private long signingsFor(String caseId) {
        return Database.count(pool, "SELECT count(*) FROM case_activity WHERE case_id = $1::uuid AND action = 'SIGN_FOR'", caseId);
    }

    @Test
    void shouldSignForACaseOnceWhenItsCardTapIsDeliveredSixTimes() throws Exception {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String caseId = assignedCase(town, member);
        String taskId = cardTaskFor(member, caseId);
        WeComCallbacks.Delivery tap = WeComCallbacks.message(WeComCallbacks.tap(member.userId(), taskId, "SIGN_FOR", MSG_IDS.incrementAndGet()));

        replay(() -> tap.post().extract().statusCode(), 200);

        assertThat(Database.count(pool, "SELECT count(*) FROM wecom_inbound WHERE from_user = $1 AND event = 'template_card_event'",
                member.userId())).isOne();
        await().atMost(PIPELINE).until(() -> signingsFor(caseId) == 1);
        await().atMost(PIPELINE).until(() -> wecomCalls("/cgi-bin/message/update_template_card", "$.userids[0]", member).size() == 1);
        everyWorkerOnceMore();
        assertThat(signingsFor(caseId)).isOne();
        assertThat(wecomCalls("/cgi-bin/message/update_template_card", "$.userids[0]", member)).hasSize(1);
        assertThat(asOffice().get("/api/cases/" + caseId).then().extract().<String>path("state")).isEqualTo("RECEIVED");
    }

    private long answersTo(WeComMember member) {
        return Database.count(pool, "SELECT count(*) FROM outbound_message WHERE representative_id = $1 AND template = 'WECOM_ANSWER'",
                member.id());
    }

    @Test
    void shouldAnswerAWeComCommandOnceWhenItIsDeliveredSixTimes() throws Exception {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        long msgId = MSG_IDS.incrementAndGet();
        WeComCallbacks.Delivery text = WeComCallbacks.message(WeComCallbacks.text(member.userId(), "列表", msgId));

        replay(() -> text.post().extract().statusCode(), 200);

        assertThat(Database.count(pool, "SELECT count(*) FROM wecom_inbound WHERE dedupe_key = $1", "msg:" + msgId)).isOne();
        await().atMost(PIPELINE).until(() -> Database.count(pool, """
                SELECT count(*) FROM outbound_message WHERE representative_id = $1 AND template = 'WECOM_ANSWER' AND status = 'SENT'""",
                member.id()) == 1);
        everyWorkerOnceMore();
        assertThat(answersTo(member)).isOne();
        assertThat(wecomCalls("/cgi-bin/message/send", "$.touser", member).stream()
                .filter(r -> "text".equals(JsonPath.from(r.getBodyAsString()).getString("msgtype")))).hasSize(1);
    }

    @Test
    void shouldCountAConsentOnceWhenItsPopupPushArrivesSixTimes() throws Exception {
        MiniProgramResident r = MiniProgramResident.login();
        MiniProgramPushes.Delivery popup = MiniProgramPushes.push(r.openid(),
                MiniProgramPushes.popup(r.openid(), System.currentTimeMillis() / 1000, "tmpl-reply", "accept"));

        replay(() -> popup.post().extract().statusCode(), 200);

        assertThat(Database.count(pool, "SELECT count(*) FROM mp_inbound WHERE payload LIKE $1", "%\"" + r.openid() + "\"%")).isOne();
        Workers.runOnce(miniProgramPushes::runOnce);
        everyWorkerOnceMore();
        r.api().get("/api/mp/subscriptions").then().statusCode(200)
                .body("templates.find { it.templateId == 'tmpl-reply' }.remaining", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void shouldMoveASubscribeMessageToDeliveredOnceWhenItsSentEventArrivesSixTimes() throws Exception {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = MiniProgramResident.login();
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept"))).post("/api/mp/subscriptions").then().statusCode(200);
        String caseId = MiniProgramResident.submit(r, town, Api.unique("k"), "村委会门口的路面塌陷了一个坑", List.of(), 201);
        asOffice().post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(200);
        asOffice().body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + caseId + "/commands/handling").then().statusCode(200);
        asOffice().body(Map.of("text", "已安排施工队本周内填平")).post("/api/cases/" + caseId + "/commands/reply").then().statusCode(200);
        String msgid = await().atMost(PIPELINE).until(() -> Database.strings(pool, """
                SELECT provider_message_id FROM outbound_message
                WHERE resident_id = $1::uuid AND channel = 'MINIPROGRAM' AND purpose = 'CASE_REPLY' AND status = 'SENT'""", r.id()),
                ids -> ids.size() == 1).get(0);
        MiniProgramPushes.Delivery sent = MiniProgramPushes.push(r.openid(), MiniProgramPushes.sent(r.openid(), "tmpl-reply", msgid, "0", "success"));

        replay(() -> sent.post().extract().statusCode(), 200);

        assertThat(Database.count(pool, "SELECT count(*) FROM mp_inbound WHERE payload LIKE $1", "%\"" + msgid + "\"%")).isOne();
        Workers.runOnce(miniProgramPushes::runOnce);
        everyWorkerOnceMore();
        assertThat(Database.strings(pool, "SELECT status FROM outbound_message WHERE provider_message_id = $1", msgid))
                .containsExactly("DELIVERED");
        assertThat(Database.count(pool, "SELECT count(*) FROM mp_inbound WHERE payload LIKE $1 AND outcome LIKE 'delivered %'",
                "%\"" + msgid + "\"%")).isOne();
        assertThat(providers.wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(r.openid()))))).hasSize(1);
    }
}
