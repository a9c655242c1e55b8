package cn.lianxin.channels.sms;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.AliyunFake;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestSecrets;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What becomes of an SMS for each answer Aliyun can give (the fake answers as PROTOCOLS.md documents), and our own
 * per-number limit. Each test texts "查" from a fresh number; the answer is the SMS under test.
 */
@QuarkusTest
class SmsSendingTest {

    private static final String PUSH = "/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-up";
    private static final Duration PIPELINE = Duration.ofSeconds(60);

    ProviderFakes providers;

    private static void text(String phone, String content) {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        given().contentType(ContentType.JSON).body("""
                [{"phone_number":"%s","content":"%s","send_time":"2026-11-27 09:15:02","dest_code":"","sequence_id":%d}]"""
                .formatted(phone, content, sequence)).post(PUSH).then().statusCode(200).body("code", equalTo(0));
    }

    /** The SMS to the resident with this number, oldest first, as the town office's message log shows them. */
    private static List<Map<String, Object>> smsTo(String phone) {
        String resident = asOffice().queryParam("phone", phone).get("/api/residents").then().extract().path("items[0].id");
        if (resident == null) {
            return List.of();
        }
        List<Map<String, Object>> newestFirst = asOffice().queryParam("residentId", resident).queryParam("channel", "SMS")
                .queryParam("size", 100).get("/api/messages").then().statusCode(200).extract().path("items");
        List<Map<String, Object>> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static Map<String, Object> onlySmsTo(String phone) {
        List<Map<String, Object>> messages = smsTo(phone);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private int sendSmsTo(String phone) {
        return AliyunFake.sendSmsTo(providers.aliyun, phone).size();
    }

    @Test
    void throttledWaitsWithBackoffAndIsSentLater() {
        String phone = Api.uniquePhone();
        StubMapping throttled = AliyunFake.answerSendSms(providers.aliyun, phone,
                AliyunFake.businessError("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1"));
        text(phone, "查");

        await().atMost(PIPELINE).until(() -> smsTo(phone).size() == 1 && (int) onlySmsTo(phone).get("attempts") >= 1);
        Map<String, Object> waiting = onlySmsTo(phone);
        assertThat(waiting).containsEntry("status", "PENDING");
        assertThat((String) waiting.get("lastError")).startsWith("isv.BUSINESS_LIMIT_CONTROL");

        providers.aliyun.removeStub(throttled);
        await().atMost(PIPELINE).until(() -> "SENT".equals(onlySmsTo(phone).get("status")));
        Map<String, Object> sent = onlySmsTo(phone);
        assertThat(sent.get("lastError")).isNull();
        assertThat(sendSmsTo(phone)).isEqualTo((int) sent.get("attempts")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anIllegalNumberFailsForGoodWithoutRetry() {
        String phone = Api.uniquePhone();
        AliyunFake.answerSendSms(providers.aliyun, phone, AliyunFake.businessError("isv.MOBILE_NUMBER_ILLEGAL", "invalid mobile number " + phone));
        text(phone, "查");

        await().atMost(PIPELINE).until(() -> smsTo(phone).size() == 1 && "FAILED".equals(onlySmsTo(phone).get("status")));
        Map<String, Object> failed = onlySmsTo(phone);
        assertThat((String) failed.get("lastError")).startsWith("isv.MOBILE_NUMBER_ILLEGAL").doesNotContain(phone);
        assertThat(failed).containsEntry("attempts", 1);
        // Well past the first backoff (10 s): still the one request.
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15)).until(() -> sendSmsTo(phone) == 1);
    }

    @Test
    void aTimeoutIsNeverResentBlindlyAndQuerySendDetailsSettlesIt() {
        String phone = Api.uniquePhone();
        AliyunFake.answerSendSms(providers.aliyun, phone, AliyunFake.slow(4000));
        text(phone, "查");

        await().atMost(PIPELINE).until(() -> smsTo(phone).size() == 1 && "UNKNOWN".equals(onlySmsTo(phone).get("status")));
        String id = (String) onlySmsTo(phone).get("id");
        assertThat(sendSmsTo(phone)).isEqualTo(1);

        // Aliyun did take it: QuerySendDetails lists it under our OutId, delivered.
        AliyunFake.listSent(providers.aliyun, phone, id, 3, "DELIVERED");
        await().atMost(PIPELINE).until(() -> "DELIVERED".equals(onlySmsTo(phone).get("status")));
        assertThat(sendSmsTo(phone)).isEqualTo(1);
        assertThat(AliyunFake.queriesFor(providers.aliyun, phone)).isNotEmpty()
                .allSatisfy(q -> assertThat(q.queryParameter("SendDate").firstValue()).matches("\\d{8}"));
    }

    @Test
    void aTimeoutIsSettledByTheDeliveryReceiptForItsOutId() {
        String phone = Api.uniquePhone();
        AliyunFake.answerSendSms(providers.aliyun, phone, AliyunFake.slow(4000));
        text(phone, "查");

        await().atMost(PIPELINE).until(() -> smsTo(phone).size() == 1 && "UNKNOWN".equals(onlySmsTo(phone).get("status")));
        String id = (String) onlySmsTo(phone).get("id");
        given().contentType(ContentType.JSON).body(AliyunFake.deliveredReceipt(phone, id))
                .post("/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-report").then().statusCode(200);

        await().atMost(PIPELINE).until(() -> "DELIVERED".equals(onlySmsTo(phone).get("status")));
        assertThat(sendSmsTo(phone)).isEqualTo(1);
    }

    @Test
    void aTimeoutAliyunHasNoRecordOfIsSentOnceMore() {
        String phone = Api.uniquePhone();
        StubMapping slow = AliyunFake.answerSendSms(providers.aliyun, phone, AliyunFake.slow(4000));
        text(phone, "查");

        await().atMost(PIPELINE).until(() -> smsTo(phone).size() == 1 && "UNKNOWN".equals(onlySmsTo(phone).get("status")));
        providers.aliyun.removeStub(slow);
        // QuerySendDetails keeps listing nothing; after the window (8 s in tests) it goes out a second time.
        await().atMost(PIPELINE).until(() -> "SENT".equals(onlySmsTo(phone).get("status")));
        assertThat(sendSmsTo(phone)).isEqualTo(2);
        assertThat(AliyunFake.queriesFor(providers.aliyun, phone)).isNotEmpty();
    }

    @Test
    void aSecondUnknownOutcomeThatAliyunHasNoRecordOfFailsInsteadOfLooping() {
        String phone = Api.uniquePhone();
        AliyunFake.answerSendSms(providers.aliyun, phone, AliyunFake.slow(4000));
        text(phone, "查");

        await().atMost(PIPELINE).until(() -> smsTo(phone).size() == 1 && "FAILED".equals(onlySmsTo(phone).get("status")));
        assertThat((String) onlySmsTo(phone).get("lastError")).contains("outcome unknown twice");
        assertThat(sendSmsTo(phone)).isEqualTo(2);
    }

    @Test
    void overThePerNumberLimitAMessageWaitsForTheWindowAndIsNotDropped() {
        String phone = Api.uniquePhone();
        for (int i = 0; i < 6; i++) {
            text(phone, "查");
        }

        // Five per window (20 s in tests): the sixth waits for the window to reopen, unattempted.
        await().atMost(PIPELINE).until(() -> smsTo(phone).stream().filter(m -> "SENT".equals(m.get("status"))).count() == 5
                && smsTo(phone).size() == 6);
        Map<String, Object> held = smsTo(phone).stream().filter(m -> "DEFERRED".equals(m.get("status"))).findFirst().orElseThrow();
        assertThat((String) held.get("lastError")).startsWith("per-number limit");
        assertThat(held).containsEntry("attempts", 0);
        assertThat(sendSmsTo(phone)).isEqualTo(5);

        await().atMost(PIPELINE).until(() -> smsTo(phone).stream().allMatch(m -> "SENT".equals(m.get("status"))));
        assertThat(sendSmsTo(phone)).isEqualTo(6);
    }
}
