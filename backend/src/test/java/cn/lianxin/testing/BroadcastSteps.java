package cn.lianxin.testing;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A policy broadcast as the town office writes and approves it, and a resident's SMS, through the public API. */
public final class BroadcastSteps {

    private static final String PUSH = "/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/";

    private BroadcastSteps() {
    }

    /** The category texted concerns and policy questions are registered in (lianxin.sms.default-category), once. */
    public static void otherCategory() {
        int status = asOffice().body(Map.of("code", "other", "name", "其他", "workField", "GENERAL")).post("/api/categories").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("the category 'other' could not be made: " + status);
        }
    }

    /** A second town-office account, to approve what "office" wrote; its user name. */
    public static String secondOfficeAccount() {
        String username = Api.unique("office2").toLowerCase();
        asOffice().body(Map.of("username", username, "displayName", "镇办审核", "password", TestSecrets.STAFF_PASSWORD, "role", "TOWN_OFFICE"))
                .post("/api/staff").then().statusCode(201);
        return username;
    }

    public static RequestSpecification as(String username) {
        return Api.as(username, TestSecrets.STAFF_PASSWORD);
    }

    /** Written by "office" for these villages, on the mini-program feed and SMS; its id. */
    public static String compose(List<Long> villageIds, String title) {
        return compose(villageIds, title, List.of("MINIPROGRAM", "SMS"));
    }

    /** Written by "office" for these villages, on these channels; its id. */
    public static String compose(List<Long> villageIds, String title, List<String> channels) {
        return asOffice().body(Map.of("title", title, "summary", "缴费时间和标准", "body", "2027年度城乡居民医保缴费即日起开始……",
                        "audience", Map.of("villageIds", villageIds), "channels", channels))
                .post("/api/broadcasts").then().statusCode(201).body("state", equalTo("AWAITING_APPROVAL")).extract().path("id");
    }

    /** Approved by a second office account: it goes out at the sender's next round. */
    public static void approve(String id) {
        as(secondOfficeAccount()).post("/api/broadcasts/" + id + "/approve").then().statusCode(200).body("state", equalTo("SCHEDULED"));
    }

    /** An SMS from this number, as Aliyun pushes it. */
    public static void text(String phone, String content) {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        given().contentType(ContentType.JSON).body("""
                [{"phone_number":"%s","content":"%s","send_time":"2026-12-02 10:15:02","dest_code":"","sequence_id":%d}]"""
                .formatted(phone, content, sequence)).post(PUSH + "sms-up").then().statusCode(200).body("code", equalTo(0));
    }

    /** A delivery receipt for a broadcast SMS, as Aliyun pushes it. */
    public static void receipt(String phone, String bizId, String outId, boolean success, String code) {
        given().contentType(ContentType.JSON).body("""
                [{"phone_number":"%s","send_time":"2026-12-02 10:00:03","report_time":"2026-12-02 10:00:08","success":%s,
                  "err_code":"%s","err_msg":"","sms_size":"1","biz_id":"%s","out_id":"%s"}]"""
                .formatted(phone, success, code, bizId, outId)).post(PUSH + "sms-report").then().statusCode(200);
    }

    /** The town office signs for the case, settles it on the spot and replies with {@code text}. */
    public static void answerAsOffice(String caseId, String text) {
        asOffice().post(CaseSteps.command(caseId, "sign-for")).then().statusCode(200);
        asOffice().body(Map.of("handlingClass", "ON_THE_SPOT")).post(CaseSteps.command(caseId, "handling")).then().statusCode(200);
        asOffice().body(Map.of("text", text)).post(CaseSteps.command(caseId, "reply")).then().statusCode(200);
    }

    /** 我有疑问 from the mini-program; the new case's id. */
    public static String ask(MiniProgramResident resident, String broadcastId, String text) {
        return resident.api().header("Idempotency-Key", Api.unique("q")).body(Map.of("text", text))
                .post("/api/mp/policies/" + broadcastId + "/questions").then().statusCode(201).extract().path("caseId");
    }

    public static String masked(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }
}
