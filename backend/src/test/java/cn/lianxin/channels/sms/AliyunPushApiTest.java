package cn.lianxin.channels.sms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.TestSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Aliyun's pushes in the documented shape: stored once, answered as Aliyun expects, refused without the secret. */
@QuarkusTest
class AliyunPushApiTest {

    private static final String PUSH = "/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/";

    @Inject
    Pool pool;

    private static String uplinks(String phone, long firstSequence) {
        return """
                [{"phone_number":"%s","content":"村口的路灯坏了三个月了","send_time":"2026-11-27 09:15:02","dest_code":"","sequence_id":%d},
                 {"phone_number":"%s","content":"1","send_time":"2026-11-27 09:16:40","dest_code":"","sequence_id":"%d"}]"""
                .formatted(phone, firstSequence, phone, firstSequence + 1);
    }

    private static io.restassured.response.Response push(String kind, String body) {
        return given().contentType(ContentType.JSON).body(body).post(PUSH + kind);
    }

    private long uplinkRows(long firstSequence) {
        return Database.count(pool, "SELECT count(*) FROM sms_uplink WHERE sequence_id IN ($1, $2)",
                String.valueOf(firstSequence), String.valueOf(firstSequence + 1));
    }

    @Test
    void shouldStoreAnUplinkBatchOnceHoweverOftenItIsPushed() throws Exception {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        String body = uplinks(Api.uniquePhone(), sequence);

        push("sms-up", body).then().statusCode(200).body("code", equalTo(0)).body("msg", equalTo("接收成功"));
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Callable<Integer> again = () -> push("sms-up", body).statusCode();
            List<Future<Integer>> repeats = threads.invokeAll(List.of(again, again, again));
            for (Future<Integer> repeat : repeats) {
                assertThat(repeat.get()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(uplinkRows(sequence)).isEqualTo(2);
    }

    @Test
    void shouldKeepThePhoneNumberOnlyHashedEncryptedAndMasked() throws Exception {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        String phone = Api.uniquePhone();
        push("sms-up", uplinks("+86" + phone, sequence)).then().statusCode(200);

        Row row = pool.preparedQuery("SELECT phone_masked, phone_cipher, phone_hash FROM sms_uplink WHERE sequence_id = $1")
                .execute(Tuple.of(String.valueOf(sequence))).await().indefinitely().iterator().next();
        assertThat(row.getString("phone_masked")).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(decrypt(row.getBuffer("phone_cipher").getBytes())).isEqualTo(phone);
        assertThat(new String(row.getBuffer("phone_cipher").getBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(phone);
        assertThat(new String(row.getBuffer("phone_hash").getBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(phone);
    }

    /** AES-256-GCM as documented in docs/DECISIONS.md: a 12-byte IV, then the ciphertext with its 128-bit tag. */
    private static String decrypt(byte[] sealed) throws Exception {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(TestSecrets.phoneEncryptionKey(), "AES"),
                new GCMParameterSpec(128, Arrays.copyOf(sealed, 12)));
        return new String(aes.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.US_ASCII);
    }

    @Test
    void shouldRefuseAWrongSecretAsAnUnknownPathAndStoreNothing() {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        given().contentType(ContentType.JSON).body(uplinks(Api.uniquePhone(), sequence)).post("/api/sms/aliyun/guessed/sms-up")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(uplinkRows(sequence)).isZero();
    }

    @Test
    void shouldRefuseAPushFromOutsideTheSourceAllowlistEvenWithTheSecret() {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        given().header("X-Forwarded-For", "203.0.113.9").contentType(ContentType.JSON).body(uplinks(Api.uniquePhone(), sequence))
                .post(PUSH + "sms-up").then().statusCode(404).contentType("application/problem+json");
        assertThat(uplinkRows(sequence)).isZero();
    }

    @Test
    void shouldRefuseAPushWithoutTheConfiguredSecretEvenFromAnAllowedSource() {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        // The route exists (for a town that admits by source alone); the gate refuses it because a secret is set.
        given().contentType(ContentType.JSON).body(uplinks(Api.uniquePhone(), sequence)).post("/api/sms/aliyun/sms-up")
                .then().statusCode(404).body("detail", equalTo("This path does not exist"));
        assertThat(uplinkRows(sequence)).isZero();
    }

    @Test
    void shouldNameWhatIsMalformedAndStoreNothing() {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        String body = uplinks(Api.uniquePhone(), sequence).replace("\"content\":\"1\",", "");
        push("sms-up", body).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("SmsUp[1].content"));
        assertThat(uplinkRows(sequence)).isZero();
    }

    @Test
    void shouldStoreAReceiptOncePerSendNumberAndOutcome() {
        String bizId = "biz-" + ThreadLocalRandom.current().nextLong(1_000_000L, 9_000_000L);
        String receipt = """
                [{"phone_number":"%s","send_time":"2026-11-27 09:20:00","report_time":"2026-11-27 09:20:05","success":true,
                  "err_code":"DELIVERED","err_msg":"用户接收成功","sms_size":"1","biz_id":"%s","out_id":"msg-1"}]"""
                .formatted(Api.uniquePhone(), bizId);
        push("sms-report", receipt).then().statusCode(200).body("code", equalTo(0));
        push("sms-report", receipt).then().statusCode(200).body("code", equalTo(0));
        assertThat(Database.count(pool, "SELECT count(*) FROM sms_receipt WHERE biz_id = $1 AND success AND out_id = 'msg-1'", bizId))
                .isEqualTo(1);
    }

    @Test
    void shouldMarkTheMessageAReceiptReportsOn() {
        java.util.UUID message = java.util.UUID.randomUUID();
        Database.update(pool, """
                INSERT INTO outbound_message (id, source_event_id, purpose, channel, template, body, status, next_attempt_at, created_at,
                    recipient_kind) VALUES ($1, $1, 'TEST', 'SMS', 'TEST', 'x', 'SENT', now(), now(), 'TOWN_OFFICE')""", message);
        String receipt = """
                [{"phone_number":"%s","send_time":"2026-11-27 09:20:00","report_time":"2026-11-27 09:20:05","success":false,
                  "err_code":"MK:0001","err_msg":"空号","sms_size":"1","biz_id":"biz-%s","out_id":"%s"}]"""
                .formatted(Api.uniquePhone(), message, message);
        push("sms-report", receipt).then().statusCode(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> Database.count(pool,
                "SELECT count(*) FROM outbound_message WHERE id = $1 AND status = 'FAILED' AND last_error = 'receipt MK:0001'", message) == 1);
    }
}
