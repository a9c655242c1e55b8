package cn.lianxin.broadcasts;

import static cn.lianxin.testing.Api.asOffice;
import static cn.lianxin.testing.BroadcastSteps.approve;
import static cn.lianxin.testing.BroadcastSteps.compose;
import static cn.lianxin.testing.BroadcastSteps.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.ProviderFakes;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.restassured.path.json.JsonPath;
import cn.lianxin.testing.BroadcastSteps;
import cn.lianxin.testing.CaseSteps;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
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
 * Residents answer a policy: 我有疑问 in the mini-program and an SMS reply each become a case linked to the
 * broadcast, with the representative who carries it in their village; the feed and its reads; and a rating digit
 * while a feedback prompt waits stays a rating.
 */
@QuarkusTest
class BroadcastQuestionsTest {

    private static final Duration PIPELINE = Duration.ofSeconds(60);

    @Inject
    Pool pool;
    @Inject
    BroadcastSender sender;
    @Inject
    TestClock clock;

    ProviderFakes providers;

    @BeforeEach
    void daytime() {
        cn.lianxin.testing.BroadcastSteps.otherCategory();
        clock.set(Instant.parse("2026-12-02T02:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String sent(Fixtures town, String title) {
        String id = compose(List.of(town.villageId()), title);
        approve(id);
        Workers.runOnce(sender::runOnce);
        return id;
    }

    private long questions(String broadcastId, String channel) {
        return Database.count(pool, "SELECT count(*) FROM broadcast_question WHERE broadcast_id = $1 AND channel = $2",
                UUID.fromString(broadcastId), channel);
    }

    @Test
    void theFeedShowsMyVillagesPolicyReadOnceAndMyQuestionGoesToItsRepresentative() {
        Fixtures town = Fixtures.town();
        long carrier = town.representative("宣讲代表王", List.of("GENERAL"), List.of(), List.of(town.villageId()), null);
        MiniProgramResident resident = MiniProgramResident.login();
        resident.api().body(Map.of("villageId", town.villageId())).put("/api/mp/me").then().statusCode(200);
        String older = sent(town, "秋收补贴");
        clock.set(Instant.parse("2026-12-02T03:00:00Z"));
        String id = sent(town, "城乡居民医保缴费");
        // 代表送政策: the carrying representative got it on WeCom when it was approved, once.
        assertThat(Database.strings(pool, "SELECT body FROM outbound_message WHERE representative_id = $1 AND purpose = 'POLICY_TO_CARRY'"
                + " AND channel = 'WECOM' ORDER BY created_at", carrier)).hasSize(2).last().asString()
                .startsWith("【代表送政策】城乡居民医保缴费").contains("即将发给东村的居民");

        resident.api().get("/api/mp/policies").then().statusCode(200)
                .body("id", equalTo(List.of(id, older))).body("read", equalTo(List.of(false, false)));
        resident.api().get("/api/mp/policies/" + id).then().statusCode(200).body("title", equalTo("城乡居民医保缴费"))
                .body("representatives", equalTo(List.of("宣讲代表王")));
        String readAt = Database.strings(pool, "SELECT read_at FROM broadcast_delivery WHERE broadcast_id = $1 AND resident_id = $2 AND channel = 'MINIPROGRAM'",
                UUID.fromString(id), UUID.fromString(resident.id())).get(0);
        clock.set(Instant.parse("2026-12-02T05:00:00Z"));
        resident.api().get("/api/mp/policies/" + id).then().statusCode(200);
        assertThat(Database.strings(pool, "SELECT read_at FROM broadcast_delivery WHERE broadcast_id = $1 AND resident_id = $2 AND channel = 'MINIPROGRAM'",
                UUID.fromString(id), UUID.fromString(resident.id()))).containsExactly(readAt);
        resident.api().get("/api/mp/policies").then().body("read", equalTo(List.of(true, false)));
        asOffice().get("/api/broadcasts/" + id).then().body("counts.MINIPROGRAM.READ", equalTo(1));

        String caseId = resident.api().header("Idempotency-Key", "q-1").body(Map.of("text", "我家老人在外地住院能报销吗？"))
                .post("/api/mp/policies/" + id + "/questions")
                .then().statusCode(201).body("representative", equalTo("宣讲代表王")).extract().path("caseId");
        asOffice().get("/api/cases/" + caseId).then().statusCode(200).body("representativeId", equalTo((int) carrier))
                .body("channel", equalTo("MINIPROGRAM")).body("text", equalTo("【政策疑问：城乡居民医保缴费】我家老人在外地住院能报销吗？"))
                .body("routingReasons", hasItem("政策解读「城乡居民医保缴费」的宣讲代表：宣讲代表王"));
        assertThat(questions(id, "MINIPROGRAM")).isEqualTo(1);
        // The answer was lost and the mini-program asks again with the same key: the same case, no second one.
        resident.api().header("Idempotency-Key", "q-1").body(Map.of("text", "我家老人在外地住院能报销吗？")).post("/api/mp/policies/" + id + "/questions")
                .then().statusCode(200).body("caseId", equalTo(caseId)).body("representative", equalTo("宣讲代表王"));
        assertThat(questions(id, "MINIPROGRAM")).isEqualTo(1);
        assertThat(Database.count(pool, "SELECT count(*) FROM cases WHERE resident_id = $1", UUID.fromString(resident.id()))).isEqualTo(1);
        // The same key for another question is refused, naming the header; without a key nothing is registered.
        resident.api().header("Idempotency-Key", "q-1").body(Map.of("text", "还有别的问题")).post("/api/mp/policies/" + id + "/questions")
                .then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
        resident.api().body(Map.of("text", "还有别的问题")).post("/api/mp/policies/" + id + "/questions")
                .then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(questions(id, "MINIPROGRAM")).isEqualTo(1);

        // Another town's policy is not in my feed, and cannot be opened or asked about.
        String elsewhere = sent(Fixtures.town(), "别镇的政策");
        resident.api().get("/api/mp/policies/" + elsewhere).then().statusCode(404);
        resident.api().header("Idempotency-Key", "q-2").body(Map.of("text", "？")).post("/api/mp/policies/" + elsewhere + "/questions")
                .then().statusCode(404);
    }

    @Test
    void theOfficePublishesAnAnsweredQuestionInItsOwnWordsAsThePolicysFaq() {
        Fixtures town = Fixtures.town();
        town.representative("宣讲代表赵", List.of("GENERAL"), List.of(), List.of(town.villageId()), null);
        MiniProgramResident resident = MiniProgramResident.login();
        resident.api().body(Map.of("villageId", town.villageId())).put("/api/mp/me").then().statusCode(200);
        String id = sent(town, "城乡居民医保缴费");
        String answered = BroadcastSteps.ask(resident, id, "我家老人在外地住院能报销吗？");
        clock.set(Instant.parse("2026-12-02T02:05:00Z"));
        String open = BroadcastSteps.ask(resident, id, "缴费后多久生效？");
        String elsewhere = BroadcastSteps.ask(resident, sent(town, "秋收补贴"), "补贴什么时候发？");

        // Not answered yet, not about this policy, or without an answer's words: refused, naming the field.
        asOffice().body(Map.of("caseId", open, "question", "缴费后多久生效？", "answer", "……")).post("/api/broadcasts/" + id + "/faq")
                .then().statusCode(422).body("errors[0].field", equalTo("caseId"));
        asOffice().body(Map.of("caseId", elsewhere, "question", "补贴什么时候发？", "answer", "十二月")).post("/api/broadcasts/" + id + "/faq")
                .then().statusCode(422).body("errors[0].field", equalTo("caseId"));
        BroadcastSteps.answerAsOffice(answered, "办理异地就医备案后，住院费用可直接结算。");
        asOffice().body(Map.of("caseId", answered, "question", "在外地住院能报销吗？", "answer", " ")).post("/api/broadcasts/" + id + "/faq")
                .then().statusCode(422).body("errors[0].field", equalTo("answer"));
        resident.api().get("/api/mp/policies/" + id).then().statusCode(200).body("faq", equalTo(List.of()));

        asOffice().get("/api/broadcasts/" + id + "/questions").then().statusCode(200)
                .body("caseId", equalTo(List.of(open, answered))).body("question", equalTo(List.of("缴费后多久生效？", "我家老人在外地住院能报销吗？")))
                .body("reply[1]", equalTo("办理异地就医备案后，住院费用可直接结算。")).body("published", equalTo(List.of(false, false)));
        asOffice().body(Map.of("caseId", answered, "question", "老人在外地住院能报销吗？", "answer", "办理异地就医备案后，住院费用可直接结算。"))
                .post("/api/broadcasts/" + id + "/faq").then().statusCode(201);

        resident.api().get("/api/mp/policies/" + id).then().statusCode(200)
                .body("faq.question", equalTo(List.of("老人在外地住院能报销吗？"))).body("faq.answer", equalTo(List.of("办理异地就医备案后，住院费用可直接结算。")));
        asOffice().get("/api/broadcasts/" + id + "/questions").then().body("published", equalTo(List.of(false, true)));
    }

    @Test
    void theCarryingRepresentativeGetsThePolicyOnWeComAsATextCardToTheWorkbench() {
        Fixtures town = Fixtures.town();
        String userId = Api.unique("carrier").toLowerCase();
        Fixtures.create("/api/representatives", new java.util.HashMap<>(Map.of("name", "宣讲代表孙", "workstationId", town.workstationId(),
                "constituencyId", town.constituencyId(), "workFields", List.of("GENERAL"), "specialties", List.of(),
                "contactVillageIds", List.of(town.villageId()), "groupLeader", false, "wecomUserId", userId)));
        approve(compose(List.of(town.villageId()), "耕地地力保护补贴"));

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(providers.wecom.findAll(WireMock.postRequestedFor(
                        WireMock.urlPathEqualTo("/cgi-bin/message/send")).withRequestBody(WireMock.matchingJsonPath("$.touser", WireMock.equalTo(userId)))))
                .singleElement().satisfies(sent -> {
                    JsonPath card = JsonPath.from(sent.getBodyAsString());
                    assertThat(card.getString("msgtype")).isEqualTo("textcard");
                    assertThat(card.getString("textcard.title")).isEqualTo("【代表送政策】耕地地力保护补贴");
                    assertThat(card.getString("textcard.description")).startsWith("缴费时间和标准").contains("即将发给东村的居民，请在走访时宣讲");
                    assertThat(card.getString("textcard.url")).isEqualTo("https://lianxin.test/workbench/");
                }));
    }

    @Test
    void anSmsAnswerToTheBroadcastIsAQuestionLinkedToItForTheCarryingRepresentative() {
        Fixtures town = Fixtures.town();
        long carrier = town.representative("宣讲代表李", List.of("GENERAL"), List.of(), List.of(town.villageId()), null);
        String phone = Api.uniquePhone();
        town.resident(phone);
        String id = sent(town, "耕地地力保护补贴");

        text(phone, "我家的地流转出去了还能领吗");
        await().atMost(PIPELINE).until(() -> questions(id, "SMS") == 1);
        String caseId = Database.strings(pool, "SELECT case_id FROM broadcast_question WHERE broadcast_id = $1", UUID.fromString(id)).get(0);
        asOffice().get("/api/cases/" + caseId).then().statusCode(200).body("representativeId", equalTo((int) carrier))
                .body("channel", equalTo("SMS")).body("text", equalTo("【政策疑问：耕地地力保护补贴】我家的地流转出去了还能领吗"));
    }

    @Test
    void aRatingDigitWhileAFeedbackPromptWaitsIsStillARatingAfterABroadcast() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String phone = Api.uniquePhone();
        String caseId = town.walkInCase(town.resident(phone), "村口路灯坏了");
        CaseSteps.assign(caseId, team.firstId());
        CaseSteps.reply(team.first(), caseId, "路灯已修好");
        String id = sent(town, "冬季用电安全");

        text(phone, "1");
        await().atMost(PIPELINE).untilAsserted(() -> asOffice().get("/api/cases/" + caseId).then()
                .body("state", equalTo("FEEDBACK_GIVEN")).body("feedback", equalTo("SATISFIED")));
        assertThat(questions(id, "SMS")).isZero();
    }
}
