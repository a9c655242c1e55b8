package cn.lianxin.channels.sms;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.lianxin.testing.AliyunFake;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.WechatFake;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An elderly resident's whole journey by SMS, with pushes in Aliyun's documented format. */
@QuarkusTest
class SmsJourneyTest {

    private static final String PUSH = "/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-up";

    ProviderFakes providers;

    @Inject
    Pool pool;

    @Inject
    UplinkProcessor uplinks;

    @BeforeEach
    void theDefaultCategoryOfTextedConcernsExists() {
        int status = asOffice().body(Map.of("code", "other", "name", "其他", "workField", "GENERAL")).post("/api/categories").statusCode();
        assertThat(status).isIn(201, 409);
    }

    private static String text(String phone, String content) {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        return """
                [{"phone_number":"%s","content":"%s","send_time":"2026-11-27 09:15:02","dest_code":"","sequence_id":%d}]"""
                .formatted(phone, content, sequence);
    }

    private static void push(String body) {
        given().contentType(ContentType.JSON).body(body).post(PUSH).then().statusCode(200).body("code", equalTo(0));
    }

    private static String residentOf(String phone) {
        return asOffice().queryParam("phone", phone).get("/api/residents").then().extract().path("items[0].id");
    }

    private static List<String> casesOf(String resident) {
        return asOffice().queryParam("residentId", resident).get("/api/cases").then().extract().path("items.id");
    }

    private static List<String> smsTo(String resident) {
        return asOffice().queryParam("size", 100).get("/api/messages").then().extract()
                .path("items.findAll { it.residentId == '" + resident + "' && it.channel == 'SMS' }.body");
    }

    /** The resident's SMS of this template once Aliyun accepted it, from the town office's message log. */
    private static Map<String, Object> sentSms(String resident, String template) {
        await().atMost(Duration.ofSeconds(30)).until(() -> asOffice().queryParam("residentId", resident).queryParam("channel", "SMS")
                .queryParam("status", "SENT").get("/api/messages").then().extract()
                .path("items.findAll { it.template == '" + template + "' }.size()"), equalTo(1));
        return asOffice().queryParam("residentId", resident).queryParam("channel", "SMS").get("/api/messages").then().extract()
                .path("items.find { it.template == '" + template + "' }");
    }

    /** What our SendSms for this message looked like when it reached Aliyun. */
    private LoggedRequest sendSmsFor(String phone, Map<String, Object> message) {
        List<LoggedRequest> requests = AliyunFake.sendSmsTo(providers.aliyun, phone).stream()
                .filter(r -> message.get("id").equals(r.queryParameter("OutId").firstValue())).toList();
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("x-acs-action")).isEqualTo("SendSms");
        assertThat(request.queryParameter("PhoneNumbers").firstValue()).isEqualTo(phone);
        assertThat(request.queryParameter("SignName").firstValue()).isEqualTo(TestSecrets.SMS_SIGN_NAME);
        assertThat(request.queryParameter("TemplateCode").firstValue()).isEqualTo("SMS_LIANXIN_" + message.get("template"));
        assertThat((String) message.get("body")).startsWith("【" + TestSecrets.SMS_SIGN_NAME + "】");
        return request;
    }

    private static String templateParam(LoggedRequest request) {
        return request.queryParameter("TemplateParam").firstValue();
    }

    private static void receipt(String phone, Map<String, Object> message) {
        given().contentType(ContentType.JSON).body(AliyunFake.deliveredReceipt(phone, (String) message.get("id")))
                .post("/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-report").then().statusCode(200).body("code", equalTo(0));
    }

    /**
     * The operator reports the reply undelivered: the case's record says so, and the resident, who also uses the
     * mini-program, gets the reply there instead — as when a send fails for good.
     */
    @Test
    void shouldRecordAFailedReceiptOnTheCaseAndFallBackToTheMiniProgram() {
        Team team = Team.at(Fixtures.town());
        String phone = Api.uniquePhone();
        MiniProgramResident mp = MiniProgramResident.login();
        String code = Api.unique("phone-code");
        WechatFake.phone(providers.wechat, code, phone);
        mp.api().body(Map.of("code", code)).post("/api/mp/phone").then().statusCode(200);
        push(text(phone, "水渠堵了"));
        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(mp.id()).size() == 1);
        String id = casesOf(mp.id()).get(0);
        asOffice().body(Map.of("villageId", team.town().villageId())).post("/api/cases/" + id + "/commands/village").then().statusCode(200);
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + id + "/commands/assign").then()
                .statusCode(200);
        Team.as(team.first()).post("/api/cases/" + id + "/commands/sign-for").then().statusCode(200);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + id + "/commands/handling").then()
                .statusCode(200);
        Team.as(team.first()).body(Map.of("text", "已疏通水渠")).post("/api/cases/" + id + "/commands/reply").then().statusCode(200);
        Map<String, Object> reply = sentSms(mp.id(), "CASE_REPLY");

        given().contentType(ContentType.JSON).body(AliyunFake.failedReceipt(phone, (String) reply.get("id")))
                .post("/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-report").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> asOffice().queryParam("caseId", id).queryParam("channel", "MINIPROGRAM")
                .get("/api/messages").then().extract().path("items.findAll { it.template == 'CASE_REPLY' }.size()"), equalTo(1));
        asOffice().queryParam("caseId", id).queryParam("channel", "SMS").get("/api/messages").then()
                .body("items.find { it.id == '" + reply.get("id") + "' }.status", equalTo("FAILED"));
        asOffice().get("/api/cases/" + id + "/activity").then().body("action", hasItem("SMS_FAILED"))
                .body("find { it.action == 'SMS_FAILED' }.detail", containsString("MK:0013"));
    }

    /** A second text soon after the first adds to the case, and its representative reads it on WeCom. */
    @Test
    void shouldPassAFollowUpTextOnToTheCasesRepresentative() {
        Team team = Team.at(Fixtures.town());
        String phone = Api.uniquePhone();
        push(text(phone, "村口的路灯坏了三个月了"));
        await().atMost(Duration.ofSeconds(30)).until(() -> residentOf(phone) != null && casesOf(residentOf(phone)).size() == 1);
        String id = casesOf(residentOf(phone)).get(0);
        asOffice().body(Map.of("villageId", team.town().villageId())).post("/api/cases/" + id + "/commands/village").then().statusCode(200);
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + id + "/commands/assign").then()
                .statusCode(200);

        push(text(phone, "路灯杆也歪了，晚上很危险"));

        await().atMost(Duration.ofSeconds(30)).until(() -> asOffice().queryParam("representativeId", team.firstId())
                .queryParam("caseId", id).get("/api/messages").then().extract()
                .path("items.findAll { it.template == 'REP_FOLLOW_UP' }.body"), hasItem(containsString("路灯杆也歪了，晚上很危险")));
        assertThat(casesOf(residentOf(phone))).containsExactly(id);
        asOffice().get("/api/cases/" + id + "/activity").then().body("action", hasItem("FOLLOW_UP"));
    }

    @Test
    void shouldTurnATextIntoACaseAndADigitIntoItsRating() {
        Team team = Team.at(Fixtures.town());
        String phone = Api.uniquePhone();
        String concern = text(phone, "村口的路灯坏了三个月了");

        push(concern);
        await().atMost(Duration.ofSeconds(30)).until(() -> residentOf(phone) != null && casesOf(residentOf(phone)).size() == 1);
        String resident = residentOf(phone);
        String id = casesOf(resident).get(0);
        // Aliyun repeats pushes: the same message again, three times, is still one case.
        push(concern);
        push(concern);
        push(concern);
        asOffice().get("/api/cases/" + id).then().body("channel", equalTo("SMS")).body("villageId", equalTo(null))
                .body("routingReasons", hasItem(containsString("村庄未知")));
        String number = asOffice().get("/api/cases/" + id).then().extract().path("number");
        Map<String, Object> ack = sentSms(resident, "CASE_REGISTERED");
        assertThat(templateParam(sendSmsFor(phone, ack))).isEqualTo("{\"number\":\"" + number + "\"}");
        assertThat((String) ack.get("body")).contains("编号" + number);

        // The operator's receipt marks it delivered; Aliyun pushing it again changes nothing.
        receipt(phone, ack);
        await().atMost(Duration.ofSeconds(30)).until(() -> asOffice().queryParam("residentId", resident).queryParam("status", "DELIVERED")
                .get("/api/messages").then().extract().path("total"), equalTo(1));
        receipt(phone, ack);
        receipt(phone, ack);
        assertThat(Database.count(pool, "SELECT count(*) FROM sms_receipt WHERE out_id = $1", ack.get("id"))).isEqualTo(1);
        asOffice().queryParam("residentId", resident).queryParam("status", "DELIVERED").get("/api/messages").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(ack.get("id")));

        // The town office fills in the village; the liaison places it; the representative answers.
        asOffice().body(Map.of("villageId", team.town().villageId())).post("/api/cases/" + id + "/commands/village").then()
                .statusCode(200).body("villageId", equalTo((int) team.town().villageId()));
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + id + "/commands/assign").then()
                .statusCode(200);
        Team.as(team.first()).post("/api/cases/" + id + "/commands/sign-for").then().statusCode(200);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + id + "/commands/handling").then().statusCode(200);
        Team.as(team.first()).body(Map.of("text", "路灯已报修，本周五前修好")).post("/api/cases/" + id + "/commands/reply").then().statusCode(200);
        assertThat(templateParam(sendSmsFor(phone, sentSms(resident, "CASE_REPLY"))))
                .isEqualTo("{\"number\":\"" + number + "\",\"reply\":\"路灯已报修，本周五前修好\"}");
        Map<String, Object> prompt = sentSms(resident, "FEEDBACK_PROMPT");
        assertThat(templateParam(sendSmsFor(phone, prompt))).isEqualTo("{\"number\":\"" + number + "\"}");
        assertThat((String) prompt.get("body")).contains("回复1满意");
        assertThat(casesOf(resident)).hasSize(1);

        push(text(phone, "１。"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asOffice().get("/api/cases/" + id).then()
                .body("state", equalTo("FEEDBACK_GIVEN")).body("feedback", equalTo("SATISFIED")));
        asOffice().get("/api/cases/" + id + "/activity").then()
                .body("findAll { it.action == 'RECORD_FEEDBACK' }.channel", hasItem("SMS"));
        Map<String, Object> thanks = sentSms(resident, "FEEDBACK_RECORDED");
        assertThat(templateParam(sendSmsFor(phone, thanks))).isEqualTo("{\"number\":\"" + number + "\",\"rating\":\"满意\"}");
        assertThat((String) thanks.get("body")).contains("感谢您的评价");
    }

    /** A resident's SMS case replied to by the representative, so that the resident's next "1" rates it. */
    private static String repliedCase(Team team, String phone) {
        push(text(phone, "桥头的护栏断了"));
        await().atMost(Duration.ofSeconds(30)).until(() -> residentOf(phone) != null && casesOf(residentOf(phone)).size() == 1);
        String id = casesOf(residentOf(phone)).get(0);
        asOffice().body(Map.of("villageId", team.town().villageId())).post("/api/cases/" + id + "/commands/village").then().statusCode(200);
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + id + "/commands/assign").then()
                .statusCode(200);
        Team.as(team.first()).post("/api/cases/" + id + "/commands/sign-for").then().statusCode(200);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + id + "/commands/handling").then().statusCode(200);
        Team.as(team.first()).body(Map.of("text", "护栏已修好")).post("/api/cases/" + id + "/commands/reply").then().statusCode(200);
        return id;
    }

    private static Map<String, Object> parkedUplink(long id) {
        return asOffice().queryParam("size", 200).get("/api/work/parked").then().statusCode(200).extract()
                .path("items.find { it.queue == 'sms-uplink' && it.id == " + id + " }");
    }

    private int processUplinks() {
        return Workers.runOnce(uplinks::runOnce);
    }

    @Test
    void shouldParkATextItCannotHandleWhileTheNextResidentsRatingIsStillRecorded() {
        Team team = Team.at(Fixtures.town());
        String rater = Api.uniquePhone();
        String rated = repliedCase(team, rater);
        String writer = Api.uniquePhone();
        String concern = "自来水管爆了" + ThreadLocalRandom.current().nextInt();
        try {
            // The town office deactivates the category every texted concern is filed under.
            Database.update(pool, "UPDATE category SET active = false WHERE code = 'other'");
            push(text(writer, concern));
            long uplink = Database.count(pool, "SELECT id FROM sms_uplink WHERE content = $1", concern);
            await().atMost(Duration.ofSeconds(30)).until(() -> processUplinks() >= 0 && parkedUplink(uplink) != null);
            assertThat(parkedUplink(uplink)).containsEntry("attempts", 3)
                    .hasEntrySatisfying("reason", reason -> assertThat((String) reason).contains("'other'"))
                    .hasEntrySatisfying("parkedAt", at -> assertThat(at).isNotNull());

            // Another resident's rating goes through all the same.
            push(text(rater, "1"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                processUplinks();
                asOffice().get("/api/cases/" + rated).then().body("state", equalTo("FEEDBACK_GIVEN")).body("feedback", equalTo("SATISFIED"));
            });

            // Once the category is back, a retry files the parked text as a case.
            Database.update(pool, "UPDATE category SET active = true WHERE code = 'other'");
            asOffice().post("/api/work/parked/sms-uplink/" + uplink + "/retry").then().statusCode(200).body("id", equalTo((int) uplink));
            await().atMost(Duration.ofSeconds(30)).until(() -> processUplinks() >= 0 && residentOf(writer) != null
                    && casesOf(residentOf(writer)).size() == 1);
            assertThat(parkedUplink(uplink)).isNull();
            asOffice().post("/api/work/parked/sms-uplink/" + uplink + "/retry").then().statusCode(404);
        } finally {
            Database.update(pool, "UPDATE category SET active = true WHERE code = 'other'");
        }
    }

    @Test
    void shouldStoreAndProcessEveryMessageOfABatchWhenSomeCarryNulBytesOrInvalidUtf8() {
        Fixtures.town();
        String escaped = Api.uniquePhone();
        String raw = Api.uniquePhone();
        String clean = Api.uniquePhone();
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        String item = """
                {"phone_number":"%s","content":"%s","send_time":"2026-11-27 09:15:02","dest_code":"","sequence_id":%d}""";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("[" + item.formatted(escaped, "路灯\\u0000坏了", sequence) + ",").getBytes(StandardCharsets.UTF_8));
        // A NUL byte as it is, and a byte that is no UTF-8 at all.
        String[] around = item.formatted(raw, "|", sequence + 1).split("\\|");
        body.writeBytes((around[0] + "水沟").getBytes(StandardCharsets.UTF_8));
        body.write(0x00);
        body.write(0xFF);
        body.writeBytes(("堵了" + around[1]).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("," + item.formatted(clean, "井盖丢了", sequence + 2) + "]").getBytes(StandardCharsets.UTF_8));
        given().contentType(ContentType.JSON).body(body.toByteArray()).post(PUSH).then().statusCode(200).body("code", equalTo(0));

        await().atMost(Duration.ofSeconds(30)).until(() -> processUplinks() >= 0
                && List.of(escaped, raw, clean).stream().allMatch(phone -> residentOf(phone) != null && casesOf(residentOf(phone)).size() == 1));
        asOffice().get("/api/cases/" + casesOf(residentOf(escaped)).get(0)).then().body("text", equalTo("路灯坏了"));
        asOffice().get("/api/cases/" + casesOf(residentOf(raw)).get(0)).then().body("text", equalTo("水沟\uFFFD堵了"));
        asOffice().get("/api/cases/" + casesOf(residentOf(clean)).get(0)).then().body("text", equalTo("井盖丢了"));
    }

    @Test
    void shouldAnswerStatusQueriesAndOptOuts() {
        Fixtures.town();
        String phone = Api.uniquePhone();
        push(text(phone, "自来水三天没来了"));
        await().atMost(Duration.ofSeconds(30)).until(() -> residentOf(phone) != null && casesOf(residentOf(phone)).size() == 1);
        String resident = residentOf(phone);
        String number = asOffice().get("/api/cases/" + casesOf(resident).get(0)).then().extract().path("number");

        push(text(phone, "查"));
        await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(resident).stream().anyMatch(b -> b.contains("编号" + number + "）目前：登记")));
        push(text(phone, "TD"));
        await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(resident).stream().anyMatch(b -> b.contains("已退订")));
        assertThat(casesOf(resident)).hasSize(1);
        // The opt-out is on the resident's consent log, with its channel and time.
        assertThat(Database.count(pool, "SELECT count(*) FROM consent WHERE resident_id = $1 AND kind = 'SMS_BROADCASTS'"
                + " AND NOT granted AND channel = 'SMS' AND at IS NOT NULL", java.util.UUID.fromString(resident))).isOne();
    }

    @Test
    void shouldAddASecondTextSoonAfterToTheSameCase() {
        Fixtures.town();
        String phone = Api.uniquePhone();
        push(text(phone, "垃圾站满了"));
        await().atMost(Duration.ofSeconds(30)).until(() -> residentOf(phone) != null && casesOf(residentOf(phone)).size() == 1);
        String resident = residentOf(phone);
        String id = casesOf(resident).get(0);

        push(text(phone, "已经一个星期没人清理"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asOffice().get("/api/cases/" + id + "/activity").then()
                .body("action", hasItem("FOLLOW_UP")).body("detail", hasItem(containsString("一个星期"))));
        assertThat(casesOf(resident)).hasSize(1);
    }

    @Test
    void shouldSimulateAnIncomingSmsInTheSandbox() {
        Fixtures.town();
        String phone = Api.uniquePhone();
        asOffice().body(Map.of("phone", phone, "text", "低保申请怎么办")).post("/api/sandbox/sms").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> residentOf(phone) != null && casesOf(residentOf(phone)).size() == 1);
    }
}
