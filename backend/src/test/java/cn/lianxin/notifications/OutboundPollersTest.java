package cn.lianxin.notifications;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.channels.sms.SmsReconciler;
import cn.lianxin.testing.AliyunFake;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The pollers of outbound messages on the worker's round loop: a message that cannot be handled holds up no other. */
@QuarkusTest
class OutboundPollersTest {

    private static final String PUSH = "/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-up";
    private static final Duration ROUNDS = Duration.ofSeconds(60);

    ProviderFakes providers;

    @Inject
    Pool pool;

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    SmsReconciler reconciler;

    /** A resident known by their number, who has had the answer to 「查」 by SMS; @return the answer's id */
    private UUID answeredResident(String phone) {
        long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        given().contentType(ContentType.JSON).body("""
                [{"phone_number":"%s","content":"查","send_time":"2026-11-27 09:15:02","dest_code":"","sequence_id":%d}]"""
                .formatted(phone, sequence)).post(PUSH).then().statusCode(200).body("code", equalTo(0));
        await().atMost(ROUNDS).until(() -> Database.count(pool, "SELECT count(*) FROM outbound_message WHERE resident_id = $1"
                + " AND channel = 'SMS' AND status = 'SENT'", residentOf(phone)) == 1);
        return UUID.fromString(Database.strings(pool, "SELECT id::text FROM outbound_message WHERE resident_id = $1 AND channel = 'SMS'",
                residentOf(phone)).get(0));
    }

    private static UUID residentOf(String phone) {
        String id = asOffice().queryParam("phone", phone).get("/api/residents").then().statusCode(200).extract().path("items[0].id");
        return id == null ? null : UUID.fromString(id);
    }

    /** Two SMS replies in {@code status}: the first, due before the other, to a resident whose number cannot be read. */
    private record Messages(String poisoned, String fine, UUID poison, UUID next) {
    }

    private Messages poisonedAndFine(String status) {
        String poisoned = Api.uniquePhone();
        String fine = Api.uniquePhone();
        UUID poisonedAnswer = answeredResident(poisoned);
        UUID fineAnswer = answeredResident(fine);
        poison(poisoned);
        return new Messages(poisoned, fine, againAsReply(poisonedAnswer, 60, status), againAsReply(fineAnswer, 30, status));
    }

    /** The same SMS once more, as a reply in {@code status} due {@code secondsAgo} (for an UNKNOWN one, sent then); @return its id */
    private UUID againAsReply(UUID message, int secondsAgo, String status) {
        UUID copy = UUID.randomUUID();
        Database.update(pool, """
                INSERT INTO outbound_message (id, source_event_id, purpose, recipient_kind, resident_id, channel, template, body, params,
                    status, attempts, next_attempt_at, created_at, sent_at)
                SELECT $1, gen_random_uuid(), 'CASE_REPLY', recipient_kind, resident_id, channel, template, body, params,
                    $4, CASE WHEN $4 = 'UNKNOWN' THEN 1 ELSE 0 END, now() - make_interval(secs => $3), now(),
                    CASE WHEN $4 = 'UNKNOWN' THEN now() - make_interval(secs => $3) END
                FROM outbound_message WHERE id = $2""", copy, message, secondsAgo, status);
        return copy;
    }

    /** The poisoned resident's number no longer opens with the key (restored from another deployment, say). */
    private void poison(String phone) {
        // They use the mini-program, so a reply that fails for good by SMS falls back there.
        Database.update(pool, "UPDATE resident SET phone_cipher = decode(repeat('ab', 48), 'hex'), openid = $2 WHERE id = $1",
                residentOf(phone), "o-poisoned-" + UUID.randomUUID());
    }

    private Row message(UUID id) {
        return pool.preparedQuery("SELECT status, attempts, reconcile_attempts, last_error FROM outbound_message WHERE id = $1")
                .executeAndAwait(io.vertx.mutiny.sqlclient.Tuple.of(id)).iterator().next();
    }

    @Test
    void shouldRetryThenFailAMessageWhoseRecipientCannotBeReadWhileTheNextOneGoesOut() {
        Messages m = poisonedAndFine("PENDING");
        String poisoned = m.poisoned();
        String fine = m.fine();
        UUID poison = m.poison();
        UUID next = m.next();
        await().atMost(ROUNDS).until(() -> Workers.runOnce(dispatcher::runOnce) >= 0
                && "FAILED".equals(message(poison).getString("status")) && "SENT".equals(message(next).getString("status")));

        // Tried on each round, never sent, ended FAILED after the worker's last attempt (3 in tests) with the reason.
        Row failed = message(poison);
        assertThat(failed.getInteger("attempts")).isEqualTo(3);
        assertThat(failed.getString("last_error")).contains("cannot be decrypted").startsWith("fell back to the mini-program");
        assertThat(AliyunFake.sendSmsTo(providers.aliyun, poisoned)).hasSize(1);
        // Its channel's hook ran once: one fallback to the mini-program.
        assertThat(Database.count(pool, "SELECT count(*) FROM outbound_message WHERE source_event_id = $1", poison)).isEqualTo(1);
        // The message due after it went out all the same.
        assertThat(AliyunFake.sendSmsTo(providers.aliyun, fine)).hasSize(2);
        assertThat(message(next).getInteger("attempts")).isEqualTo(1);
    }

    @Test
    void shouldFailAnUnknownOutcomeWhoseRecipientCannotBeLookedUpWhileTheNextOneIsSettled() {
        Messages m = poisonedAndFine("UNKNOWN");
        String poisoned = m.poisoned();
        UUID poison = m.poison();
        UUID next = m.next();
        AliyunFake.listSent(providers.aliyun, m.fine(), next.toString(), 3, "DELIVERED");
        await().atMost(ROUNDS).until(() -> Workers.runOnce(reconciler::runOnce) >= 0
                && "FAILED".equals(message(poison).getString("status")) && "DELIVERED".equals(message(next).getString("status")));

        // Looked up on each round, ended FAILED after the worker's last attempt (3 in tests), counted apart from the
        // one send; never sent again blindly.
        Row failed = message(poison);
        assertThat(failed.getInteger("reconcile_attempts")).isEqualTo(3);
        assertThat(failed.getInteger("attempts")).isEqualTo(1);
        assertThat(failed.getString("last_error")).contains("looking up the unknown outcome failed").contains("cannot be decrypted")
                .startsWith("fell back to the mini-program");
        assertThat(AliyunFake.sendSmsTo(providers.aliyun, poisoned)).hasSize(1);
        assertThat(Database.count(pool, "SELECT count(*) FROM outbound_message WHERE source_event_id = $1", poison)).isEqualTo(1);
        // The unknown outcome looked up after it was settled all the same.
        assertThat(message(next).getInteger("reconcile_attempts")).isZero();
    }
}
