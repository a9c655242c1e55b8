package cn.lianxin.broadcasts;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import static cn.lianxin.testing.BroadcastSteps.approve;
import static cn.lianxin.testing.BroadcastSteps.as;
import static cn.lianxin.testing.BroadcastSteps.compose;
import static cn.lianxin.testing.BroadcastSteps.masked;
import static cn.lianxin.testing.BroadcastSteps.receipt;
import static cn.lianxin.testing.BroadcastSteps.secondOfficeAccount;
import static cn.lianxin.testing.BroadcastSteps.text;

import cn.lianxin.testing.AliyunFake;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A policy broadcast from approval to every recipient, through the public API, the sender's rounds (driven here,
 * as the scheduler would), the Aliyun fake and its receipt pushes. The clock is the test's: 10:00 Beijing time
 * unless a test says otherwise.
 */
@QuarkusTest
class BroadcastSendingTest {

    /** 2026-12-02 10:00 in Beijing. */
    private static final Instant MORNING = Instant.parse("2026-12-02T02:00:00Z");

    @Inject
    BroadcastSender sender;
    @Inject
    TestClock clock;
    @Inject
    Pool pool;

    ProviderFakes providers;

    @BeforeEach
    void daytime() {
        cn.lianxin.testing.BroadcastSteps.otherCategory();
        clock.set(MORNING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private int round() {
        return Workers.runOnce(sender::runOnce);
    }

    private String state(String id) {
        return asOffice().get("/api/broadcasts/" + id).then().statusCode(200).extract().path("state");
    }

    private int broadcastSmsTo(String phone) {
        return (int) AliyunFake.sendSmsIncluding(providers.aliyun, phone).stream()
                .filter(r -> r.queryParameter("TemplateCode").firstValue().equals("SMS_LIANXIN_BROADCAST")).count();
    }

    private String status(String broadcastId, String phone) {
        return Database.strings(pool, """
                SELECT d.status FROM broadcast_delivery d JOIN resident r ON r.id = d.resident_id
                WHERE d.broadcast_id = $1 AND d.channel = 'SMS' AND r.phone_masked = $2""", UUID.fromString(broadcastId),
                masked(phone)).get(0);
    }

    @Test
    void theAuthorCannotApproveTheirOwnBroadcastButASecondOfficeAccountCan() {
        Fixtures town = Fixtures.town();
        String id = compose(List.of(town.villageId()), "医保缴费通知");

        asOffice().post("/api/broadcasts/" + id + "/approve").then().statusCode(403)
                .body("detail", equalTo("The author of a broadcast cannot approve it: a second town-office account must."));
        assertThat(state(id)).isEqualTo("AWAITING_APPROVAL");

        String second = secondOfficeAccount();
        as(second).post("/api/broadcasts/" + id + "/approve").then().statusCode(200).body("state", equalTo("SCHEDULED"))
                .body("approver", equalTo(second)).body("author", equalTo("office"));
        as(second).post("/api/broadcasts/" + id + "/approve").then().statusCode(409);
    }

    @Test
    void aResidentOfTwoMatchingVillagesGetsOneCopyAndEveryoneIsCounted() {
        Fixtures town = Fixtures.town();
        long west = town.village(Api.unique("西村"));
        String both = Api.uniquePhone();
        String resident = town.resident(both);
        // Lives in 东村 and raised a concern about 西村: a member of both villages' audience.
        asOffice().body(Map.of("residentId", resident, "villageId", west, "categoryId", town.categoryId(), "channel", "WALK_IN",
                "text", "西村桥面破损")).post("/api/cases").then().statusCode(201);
        String other = Api.uniquePhone();
        town.resident(other);

        String id = compose(List.of(town.villageId(), west), "农村道路养护政策");
        approve(id);
        round();

        assertThat(broadcastSmsTo(both)).isEqualTo(1);
        assertThat(broadcastSmsTo(other)).isEqualTo(1);
        assertThat(Database.count(pool, "SELECT count(*) FROM broadcast_delivery WHERE broadcast_id = $1 AND channel = 'SMS'",
                UUID.fromString(id))).isEqualTo(2);
        asOffice().get("/api/broadcasts/" + id).then().statusCode(200).body("state", equalTo("SENT"))
                .body("counts.SMS.SENT", equalTo(2)).body("counts.MINIPROGRAM.SKIPPED", equalTo(2));
        asOffice().queryParam("status", "SENT").get("/api/broadcasts/" + id + "/recipients").then().statusCode(200)
                .body("total", equalTo(2)).body("items.phoneMasked", org.hamcrest.Matchers.hasItem(masked(both)));
    }

    @Test
    void stoppedMidBroadcastAndResumedEveryRecipientGetsItExactlyOnce() {
        Fixtures town = Fixtures.town();
        List<String> phones = new ArrayList<>();
        Map<String, String> phoneOf = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            phones.add(Api.uniquePhone());
            phoneOf.put(town.resident(phones.get(i)), phones.get(i));
        }
        String id = compose(List.of(town.villageId()), "冬季防火须知");
        approve(id);

        // The first round draws the audience and sends one batch (3 numbers in tests).
        assertThat(round()).isEqualTo(3);
        // The next batch is claimed, then the instance dies before its SendSms call: its rows stay SENDING.
        assertThat(Workers.runOnce(() -> sender.claim(UUID.fromString(id)).map(batch -> batch == null ? 0 : 3))).isEqualTo(3);
        assertThat(phones.stream().mapToInt(this::broadcastSmsTo).sum()).isEqualTo(3);
        List<String> lost = Database.strings(pool, "SELECT resident_id::text FROM broadcast_delivery WHERE broadcast_id = $1 AND status = 'SENDING'",
                UUID.fromString(id)).stream().map(phoneOf::get).toList();
        assertThat(lost).hasSize(3).doesNotContainNull();

        // Restarted a minute later: the lost call is looked up (Aliyun has no record of it), and everything goes out.
        clock.set(MORNING.plus(Duration.ofMinutes(1)));
        for (int i = 0; i < 10 && !"SENT".equals(state(id)); i++) {
            round();
        }
        assertThat(state(id)).isEqualTo("SENT");
        assertThat(phones).allSatisfy(phone -> assertThat(broadcastSmsTo(phone)).as(phone).isEqualTo(1));
        assertThat(lost).allSatisfy(phone -> assertThat(AliyunFake.queriesFor(providers.aliyun, phone)).as(phone).isNotEmpty());
    }

    @Test
    void receiptsMoveARowForwardAndNeverBack() {
        Fixtures town = Fixtures.town();
        String phone = Api.uniquePhone();
        town.resident(phone);
        String id = compose(List.of(town.villageId()), "养老保险认证");
        approve(id);
        round();
        String batch = Database.strings(pool, "SELECT batch_id FROM broadcast_delivery WHERE broadcast_id = $1 AND channel = 'SMS'",
                UUID.fromString(id)).get(0);
        String bizId = Database.strings(pool, "SELECT provider_message_id FROM broadcast_delivery WHERE broadcast_id = $1 AND channel = 'SMS'",
                UUID.fromString(id)).get(0);
        assertThat(status(id, phone)).isEqualTo("SENT");

        receipt(phone, bizId, "bc-" + batch, true, "DELIVERED");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(status(id, phone)));

        // A late "failed" for the same message, and a repeat of the first: the row stays delivered.
        receipt(phone, bizId, "bc-" + batch, false, "MK:0013");
        receipt(phone, bizId, "bc-" + batch, true, "DELIVERED");
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(pool,
                "SELECT count(*) FROM sms_receipt WHERE biz_id = $1 AND processed_at IS NULL", bizId) == 0
                && Database.count(pool, "SELECT count(*) FROM sms_receipt WHERE biz_id = $1", bizId) == 2);
        assertThat(status(id, phone)).isEqualTo("DELIVERED");
        asOffice().get("/api/broadcasts/" + id).then().body("counts.SMS.DELIVERED", equalTo(1));
    }

    @Test
    void quietHoursHoldSmsUntilMorningAndAnOptOutMeanwhileIsHonouredWhenItWouldGo() {
        Fixtures town = Fixtures.town();
        String stays = Api.uniquePhone();
        town.resident(stays);
        String leaves = Api.uniquePhone();
        town.resident(leaves);
        String id = compose(List.of(town.villageId()), "春耕补贴申报");
        approve(id);

        // 22:30 in Beijing: the audience is drawn, but no SMS goes out at night.
        clock.set(Instant.parse("2026-12-02T14:30:00Z"));
        round();
        clock.set(Instant.parse("2026-12-02T23:59:00Z"));
        round();
        assertThat(broadcastSmsTo(stays) + broadcastSmsTo(leaves)).isZero();
        assertThat(status(id, stays)).isEqualTo("PENDING");
        assertThat(state(id)).isEqualTo("SENDING");

        // During the night one of them texts TD; the opt-out is read when the SMS would go.
        text(leaves, "TD");
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(pool,
                "SELECT count(*) FROM sms_uplink WHERE content = 'TD' AND processed_at IS NOT NULL AND phone_masked = $1",
                masked(leaves)) == 1);

        // 08:00 the next morning.
        clock.set(Instant.parse("2026-12-03T00:00:00Z"));
        round();
        // The fake may log a request a moment after answering it, on a busy machine.
        await().atMost(Duration.ofSeconds(30)).until(() -> broadcastSmsTo(stays) == 1);
        assertThat(broadcastSmsTo(leaves)).isZero();
        assertThat(status(id, leaves)).isEqualTo("OPTED_OUT");
        // No longer waiting for the morning: sent, or SENDING when the fake answered after our read timeout (a loaded
        // machine), which QuerySendDetails settles before anything is resent.
        assertThat(status(id, stays)).isIn("SENT", "SENDING");

        // Opted out of broadcasts, not of their own concerns: a new one is acknowledged by SMS.
        text(leaves, "村口路灯坏了三个月");
        await().atMost(Duration.ofSeconds(60)).until(() -> AliyunFake.sendSmsTo(providers.aliyun, leaves).stream()
                .anyMatch(r -> r.queryParameter("TemplateCode").firstValue().equals("SMS_LIANXIN_CASE_REGISTERED")));
        assertThat(broadcastSmsTo(leaves)).isZero();
    }
}
