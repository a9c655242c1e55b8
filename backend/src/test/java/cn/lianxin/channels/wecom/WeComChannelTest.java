package cn.lianxin.channels.wecom;

import cn.lianxin.channels.tencent.RedisWxOps;
import static cn.lianxin.testing.Api.asOffice;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.cases.domain.DeadlineApproaching;
import cn.lianxin.cases.domain.DeadlineKind;
import cn.lianxin.events.Outbox;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.WeComCallbacks;
import cn.lianxin.testing.WeComMember;
import cn.lianxin.testing.WorkbenchSignIn;
import cn.lianxin.testing.Workers;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import me.chanjar.weixin.cp.api.WxCpService;
import org.junit.jupiter.api.Test;

/** Representatives on WeCom, against the WireMock fake of qyapi.weixin.qq.com and callbacks encrypted by the scheme. */
@QuarkusTest
class WeComChannelTest {

    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final AtomicLong MSG_IDS = new AtomicLong(System.nanoTime());

    ProviderFakes providers;

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    @Inject
    Outbox outbox;

    @Inject
    WeComProcessor processor;

    @Inject
    TestClock clock;

    /** A case registered at the office and assigned to the member by the office. */
    private static String assignedCase(Fixtures town, WeComMember member) {
        String id = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "村口的路灯坏了三个月了")).post("/api/cases").then().statusCode(201).extract().path("id");
        asOffice().body(Map.of("representativeId", member.id())).post("/api/cases/" + id + "/commands/assign").then().statusCode(200);
        return id;
    }

    /** The card WeCom received for the member about the case. */
    private JsonPath cardFor(WeComMember member, String caseId) {
        String hex = caseId.replace("-", "");
        return await().atMost(PIPELINE).until(() -> providers.wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/send"))
                        .withRequestBody(matchingJsonPath("$.touser", equalTo(member.userId())))).stream()
                        .map(r -> JsonPath.from(r.getBodyAsString()))
                        .filter(j -> "template_card".equals(j.getString("msgtype")) && j.getString("template_card.task_id").startsWith(hex))
                        .findFirst(), Optional::isPresent).orElseThrow();
    }

    private String state(String caseId) {
        return asOffice().get("/api/cases/" + caseId).then().statusCode(200).extract().path("state");
    }

    @Test
    void shouldAnswerTheUrlVerificationWithTheBareEchostr() {
        String echo = "echo-" + MSG_IDS.incrementAndGet();
        String body = WeComCallbacks.verify(echo).statusCode(200).extract().asString();
        assertThat(body).isEqualTo(echo);
    }

    @Test
    void shouldRefuseAForgedSignatureOrAnotherCorpAndStoreNothing() {
        long msgId = MSG_IDS.incrementAndGet();
        WeComCallbacks.Delivery genuine = WeComCallbacks.message(WeComCallbacks.text("someone", "列表", msgId));
        new WeComCallbacks.Delivery("0".repeat(40), genuine.timestamp(), genuine.nonce(), genuine.body()).post().statusCode(403);
        WeComCallbacks.message(WeComCallbacks.text("someone", "列表", msgId), "wwforeigncorp").post().statusCode(403);

        assertThat(Database.count(pool, "SELECT count(*) FROM wecom_inbound WHERE dedupe_key = $1", "msg:" + msgId)).isZero();
    }

    @Test
    void shouldRefuseADtdInTheMessageAndStoreNothing() {
        long msgId = MSG_IDS.incrementAndGet();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + WeComCallbacks.text("someone", "列表", msgId).replace("<![CDATA[列表]]>", "&x;");
        WeComCallbacks.message(xxe).post().statusCode(403);
        String bomb = "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + WeComCallbacks.text("someone", "列表", msgId).replace("<![CDATA[列表]]>", "&b;");
        WeComCallbacks.message(bomb).post().statusCode(403);

        assertThat(Database.count(pool, "SELECT count(*) FROM wecom_inbound WHERE dedupe_key = $1", "msg:" + msgId)).isZero();
    }

    @Test
    void shouldRefuseACallbackOutsideTheFiveMinuteWindowAndTakeAFreshOne() {
        long msgId = MSG_IDS.incrementAndGet();
        // Signed now, genuinely: only our clock moves, as a replay six minutes later (or a sender's clock far ahead) would be.
        WeComCallbacks.Delivery delivery = WeComCallbacks.message(WeComCallbacks.text("someone", "列表", msgId));
        Instant sent = Instant.ofEpochSecond(Long.parseLong(delivery.timestamp()));
        try {
            clock.set(sent.plus(Duration.ofMinutes(6)));
            delivery.post().statusCode(403);
            clock.set(sent.minus(Duration.ofMinutes(6)));
            delivery.post().statusCode(403);
            assertThat(Database.count(pool, "SELECT count(*) FROM wecom_inbound WHERE dedupe_key = $1", "msg:" + msgId)).isZero();

            clock.set(sent.plus(Duration.ofMinutes(4)));
            delivery.post().statusCode(200);
        } finally {
            clock.reset();
        }
        assertThat(Database.count(pool, "SELECT count(*) FROM wecom_inbound WHERE dedupe_key = $1", "msg:" + msgId)).isOne();
    }

    @Test
    void shouldActOnTwoDifferentTapsOfOneMemberInOneSecondAndOnceOnEachRetried() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String first = assignedCase(town, member);
        String second = assignedCase(town, member);
        String firstTask = cardFor(member, first).getString("template_card.task_id");
        String secondTask = cardFor(member, second).getString("template_card.task_id");

        long sameSecond = MSG_IDS.incrementAndGet();
        WeComCallbacks.Delivery one = WeComCallbacks.message(WeComCallbacks.tap(member.userId(), firstTask, "SIGN_FOR", sameSecond));
        WeComCallbacks.Delivery other = WeComCallbacks.message(WeComCallbacks.tap(member.userId(), secondTask, "SIGN_FOR", sameSecond));
        // WeCom retries each (we were slow to answer): each tap is still one.
        for (WeComCallbacks.Delivery tap : List.of(one, other, one, other)) {
            tap.post().statusCode(200);
        }

        await().atMost(PIPELINE).until(() -> "RECEIVED".equals(state(first)) && "RECEIVED".equals(state(second)));
        assertThat(Database.count(pool, "SELECT count(*) FROM wecom_inbound WHERE from_user = $1 AND event = 'template_card_event'",
                member.userId())).isEqualTo(2);
        for (String caseId : List.of(first, second)) {
            List<String> actions = asOffice().get("/api/cases/" + caseId + "/activity").then().extract().jsonPath().getList("action");
            assertThat(actions.stream().filter("SIGN_FOR"::equals)).hasSize(1);
        }
    }

    @Test
    void shouldSendACaseCardAndSignForTheCaseOnceWhenTheTapArrivesThreeTimes() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String caseId = assignedCase(town, member);

        JsonPath card = cardFor(member, caseId);
        assertThat(card.getString("template_card.card_type")).isEqualTo("button_interaction");
        assertThat(card.getList("template_card.button_list.key")).containsExactly("SIGN_FOR", "ON_THE_SPOT", "ESCALATE", "TRANSFER");
        assertThat(card.getList("template_card.button_list.text")).containsExactly("签收", "当场办结", "请示", "转办");
        // Routing may have placed the case with the member already (新诉求) before the office assigned it (分派给您).
        assertThat(card.getString("template_card.main_title.title")).matches("(新诉求|分派给您) [A-Z]+-\\d{8}-\\d{4}");
        String taskId = card.getString("template_card.task_id");

        WeComCallbacks.Delivery tap = WeComCallbacks.message(WeComCallbacks.tap(member.userId(), taskId, "SIGN_FOR", MSG_IDS.incrementAndGet()));
        for (int i = 0; i < 3; i++) {
            tap.post().statusCode(200);
        }

        await().atMost(PIPELINE).until(() -> "RECEIVED".equals(state(caseId)));
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(updates(member)).singleElement()
                .satisfies(u -> assertThat(JsonPath.from(u.getBodyAsString()).getString("button.replace_name")).isEqualTo("已签收")));
        List<String> actions = asOffice().get("/api/cases/" + caseId + "/activity").then().extract().jsonPath().getList("action");
        assertThat(actions.stream().filter("SIGN_FOR"::equals)).hasSize(1);
        assertThat(asOffice().get("/api/cases/" + caseId + "/activity").then().extract().<String>path("find { it.action == 'SIGN_FOR' }.channel"))
                .isEqualTo("WECOM");

        // The same card tapped again later: the case has moved on, the card says so, nothing else happens.
        WeComCallbacks.message(WeComCallbacks.tap(member.userId(), taskId, "SIGN_FOR", MSG_IDS.incrementAndGet())).post().statusCode(200);
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(updates(member)).hasSize(2)
                .anySatisfy(u -> assertThat(JsonPath.from(u.getBodyAsString()).getString("button.replace_name")).isEqualTo("当前：接待")));
        assertThat(state(caseId)).isEqualTo("RECEIVED");
    }

    /** Until closed, the database refuses every change to the case when it commits, as it would a conflict or a lost connection. */
    private AutoCloseable refuseChangesTo(String caseId) {
        String refusal = "refuse_" + caseId.replace("-", "");
        Database.update(pool, "CREATE FUNCTION " + refusal + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'change refused by the test'; END $$");
        Database.update(pool, "CREATE CONSTRAINT TRIGGER " + refusal + " AFTER UPDATE ON cases DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW WHEN (NEW.id = '" + caseId + "'::uuid) EXECUTE FUNCTION " + refusal + "()");
        return () -> {
            Database.update(pool, "DROP TRIGGER " + refusal + " ON cases");
            Database.update(pool, "DROP FUNCTION " + refusal + "()");
        };
    }

    /** The callback's row once it is parked, driving the WeCom worker as the scheduler would. */
    private Map<String, Object> parkedAfterItsAttempts(String dedupeKey) {
        long id = Database.count(pool, "SELECT id FROM wecom_inbound WHERE dedupe_key = $1", dedupeKey);
        return await().atMost(PIPELINE).until(() -> Workers.runOnce(processor::runOnce) >= 0 ? parked(id) : null, Objects::nonNull);
    }

    @Test
    void shouldLeaveTheCardAsItWasWhenTheTapIsRolledBackAndSignForOnRetry() throws Exception {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String caseId = assignedCase(town, member);
        String taskId = cardFor(member, caseId).getString("template_card.task_id");
        long createTime = MSG_IDS.incrementAndGet();
        Map<String, Object> tap;
        try (AutoCloseable refusal = refuseChangesTo(caseId)) {
            String xml = WeComCallbacks.tap(member.userId(), taskId, "SIGN_FOR", createTime);
            WeComCallbacks.message(xml).post().statusCode(200);
            tap = parkedAfterItsAttempts(WeComInbox.dedupeKey(WeComMessages.parse(xml), xml));
        }
        assertThat(tap).containsEntry("attempts", 3)
                .hasEntrySatisfying("reason", reason -> assertThat((String) reason).contains("change refused by the test"));
        assertThat(state(caseId)).isEqualTo("REGISTERED");
        assertThat(updates(member)).isEmpty();
        assertThat(asOffice().queryParam("caseId", caseId).queryParam("representativeId", member.id()).get("/api/messages").then()
                .extract().jsonPath().<String>getList("items.template")).doesNotContain("WECOM_CARD_UPDATE");

        asOffice().post("/api/work/parked/wecom-inbound/" + tap.get("id") + "/retry").then().statusCode(200);
        await().atMost(PIPELINE).until(() -> Workers.runOnce(processor::runOnce) >= 0 && "RECEIVED".equals(state(caseId)));
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(updates(member)).singleElement()
                .satisfies(u -> assertThat(JsonPath.from(u.getBodyAsString()).getString("button.replace_name")).isEqualTo("已签收")));
        // The update reached WeCom before its row is marked SENT (the dispatcher's commit follows the answer).
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(asOffice().queryParam("caseId", caseId).get("/api/messages").then().extract()
                .jsonPath().<Map<String, Object>>getList("items.findAll { it.template == 'WECOM_CARD_UPDATE' }")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("status", "SENT").containsEntry("body", "已签收")
                        .containsEntry("recipientKind", "WECOM_USER").containsEntry("wecomUserId", member.userId())));
    }

    @Test
    void shouldTellTheMemberWhyTheirReplyFailedOnEveryAttempt() throws Exception {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String caseId = inProgressOnTheSpot(town, member);
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");
        long msgId = MSG_IDS.incrementAndGet();

        try (AutoCloseable refusal = refuseChangesTo(caseId)) {
            WeComCallbacks.message(WeComCallbacks.text(member.userId(), "回复 " + number + " 路灯已修好", msgId)).post().statusCode(200);
            assertThat(parkedAfterItsAttempts("msg:" + msgId)).containsEntry("attempts", 3);
        }

        assertThat(state(caseId)).isEqualTo("IN_PROGRESS");
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(messagesTo(member)).anySatisfy(m -> assertThat(m)
                .containsEntry("status", "SENT").containsEntry("template", "WECOM_ANSWER")
                .satisfies(x -> assertThat((String) x.get("body")).contains("「回复 " + number + " 路灯已修好」", "未能办理",
                        "change refused by the test"))));
    }

    private static Map<String, Object> parked(long id) {
        return asOffice().queryParam("size", 200).get("/api/work/parked").then().statusCode(200).extract()
                .path("items.find { it.queue == 'wecom-inbound' && it.id == " + id + " }");
    }

    private List<LoggedRequest> updates(WeComMember member) {
        return providers.wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/update_template_card"))
                .withRequestBody(matchingJsonPath("$.userids[0]", equalTo(member.userId()))));
    }

    @Test
    void shouldRemindTheRepresentativeWithACaseCard() throws Throwable {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String caseId = assignedCase(town, member);
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");
        OffsetDateTime due = OffsetDateTime.of(2026, 11, 30, 10, 0, 0, 0, ZoneOffset.UTC);

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(new DeadlineApproaching(UUID.fromString(caseId),
                number, DeadlineKind.SIGN_FOR, due, town.workstationId(), member.id()))));

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(sendsTo(member).stream().map(r -> JsonPath.from(r.getBodyAsString()))
                .filter(j -> ("期限提醒 " + number).equals(j.getString("template_card.main_title.title"))))
                .singleElement().satisfies(card -> {
                    assertThat(card.getString("template_card.sub_title_text")).isEqualTo(number + " 的签收期限 11月30日 18:00 到期，请及时办理。");
                    assertThat(card.getString("template_card.task_id")).startsWith(caseId.replace("-", "") + "_");
                    assertThat(card.getList("template_card.button_list.key")).containsExactly("SIGN_FOR", "ON_THE_SPOT", "ESCALATE", "TRANSFER");
                }));
    }

    /** A case the member took on with 当场办结 on its card: in 处理, waiting for the reply. */
    private String inProgressOnTheSpot(Fixtures town, WeComMember member) {
        String caseId = assignedCase(town, member);
        String taskId = cardFor(member, caseId).getString("template_card.task_id");
        WeComCallbacks.message(WeComCallbacks.tap(member.userId(), taskId, "ON_THE_SPOT", MSG_IDS.incrementAndGet())).post().statusCode(200);
        await().atMost(PIPELINE).until(() -> "IN_PROGRESS".equals(state(caseId)));
        return caseId;
    }

    @Test
    void shouldCarryATextReplyToTheResidentsChannel() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String caseId = inProgressOnTheSpot(town, member);

        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");
        String suffix = number.substring(number.lastIndexOf('-') + 1);
        WeComCallbacks.message(WeComCallbacks.text(member.userId(), "回复 " + suffix + " 路灯已报修，本周五前修好", MSG_IDS.incrementAndGet()))
                .post().statusCode(200);

        await().atMost(PIPELINE).until(() -> "REPLIED".equals(state(caseId)));
        String residentId = asOffice().get("/api/cases/" + caseId).then().extract().path("residentId");
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(asOffice().queryParam("caseId", caseId).queryParam("residentId", residentId)
                .get("/api/messages").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items"))
                .anySatisfy(m -> assertThat(m).containsEntry("template", "CASE_REPLY").containsEntry("recipientKind", "RESIDENT")
                        .satisfies(x -> assertThat((String) x.get("body")).contains("路灯已报修，本周五前修好"))));
        // The representative is told it went out.
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(asOffice().queryParam("representativeId", member.id())
                .queryParam("caseId", caseId).get("/api/messages").then().extract().jsonPath().<String>getList("items.body"))
                .anySatisfy(b -> assertThat(b).startsWith("已答复 " + number)));
    }

    @Test
    void shouldAnswerStatusQueriesAndGiveHelpForAnythingElse() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String caseId = assignedCase(town, member);
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");

        WeComCallbacks.message(WeComCallbacks.text(member.userId(), "查 " + number.substring(number.length() - 4), MSG_IDS.incrementAndGet()))
                .post().statusCode(200);
        WeComCallbacks.message(WeComCallbacks.text(member.userId(), "路灯的事怎么办", MSG_IDS.incrementAndGet())).post().statusCode(200);
        WeComCallbacks.message(WeComCallbacks.text(member.userId(), "查 9999", MSG_IDS.incrementAndGet())).post().statusCode(200);

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(messagesTo(member).stream()
                .filter(m -> "WECOM_ANSWER".equals(m.get("template"))).map(m -> (String) m.get("body")).toList())
                .anySatisfy(b -> assertThat(b).startsWith(number + "（登记；签收期限 ").contains("村口的路灯坏了三个月了"))
                .anySatisfy(b -> assertThat(b).startsWith("连心桥 · 可用指令").contains("回复 编号 答复内容"))
                .anySatisfy(b -> assertThat(b).isEqualTo("没有找到编号为「9999」的诉求。发送「列表」查看您的在办诉求。")));
        assertThat(state(caseId)).isEqualTo("REGISTERED");
    }

    @Test
    void shouldAnswerATapOnACaseTransferredAwayWithoutActing() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        WeComMember colleague = WeComMember.at(town, town.workstationId());
        String caseId = assignedCase(town, member);
        String taskId = cardFor(member, caseId).getString("template_card.task_id");
        asOffice().body(Map.of("representativeId", colleague.id(), "reason", "同事更熟悉")).post("/api/cases/" + caseId + "/commands/transfer")
                .then().statusCode(200);

        WeComCallbacks.message(WeComCallbacks.tap(member.userId(), taskId, "SIGN_FOR", MSG_IDS.incrementAndGet())).post().statusCode(200);

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(updates(member)).singleElement()
                .satisfies(u -> assertThat(JsonPath.from(u.getBodyAsString()).getString("button.replace_name")).isEqualTo("已转他人办理")));
        assertThat(state(caseId)).isEqualTo("REGISTERED");
        assertThat(asOffice().get("/api/cases/" + caseId).then().extract().<Integer>path("representativeId")).isEqualTo((int) colleague.id());
    }

    @Test
    void shouldFailAMessageForARepresentativeWithoutAWeComIdForGood() {
        Team team = Team.at(Fixtures.town());
        String caseId = asOffice().body(Map.of("residentId", team.town().resident(), "villageId", team.town().villageId(),
                "categoryId", team.town().categoryId(), "channel", "WALK_IN", "text", "水管漏水")).post("/api/cases").then().statusCode(201)
                .extract().path("id");
        asOffice().body(Map.of("representativeId", team.firstId())).post("/api/cases/" + caseId + "/commands/assign").then().statusCode(200);

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(asOffice().queryParam("representativeId", team.firstId())
                .queryParam("caseId", caseId).get("/api/messages").then().extract().jsonPath().<Map<String, Object>>getList("items"))
                .singleElement().satisfies(m -> assertThat(m).containsEntry("status", "FAILED").containsEntry("attempts", 1)
                        .containsEntry("lastError", "representative " + team.firstId() + " has no WeCom user id in master data")));
    }

    @Test
    void shouldRefuseAStrangerPolitelyOnceAndDoNothingElse() {
        String stranger = Api.unique("stranger").toLowerCase();
        WeComCallbacks.Delivery text = WeComCallbacks.message(WeComCallbacks.text(stranger, "列表", MSG_IDS.incrementAndGet()));
        text.post().statusCode(200);
        text.post().statusCode(200);

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(providers.wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/send"))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(stranger))))).singleElement()
                .satisfies(r -> assertThat(JsonPath.from(r.getBodyAsString()).getString("text.content")).contains("尚未登记为连心桥党代表")));
    }

    @Test
    void shouldSimulateARepresentativesTextAndTapInTheSandbox() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String caseId = assignedCase(town, member);
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");

        asOffice().body(Map.of("userId", member.userId(), "caseId", caseId, "key", "SIGN_FOR")).post("/api/sandbox/wecom/tap")
                .then().statusCode(202);
        await().atMost(PIPELINE).until(() -> "RECEIVED".equals(state(caseId)));

        asOffice().body(Map.of("userId", member.userId(), "content", "列表")).post("/api/sandbox/wecom/text").then().statusCode(202);
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(asOffice().queryParam("representativeId", member.id())
                .get("/api/messages").then().extract().jsonPath().<String>getList("items.body"))
                .anySatisfy(b -> assertThat(b).startsWith("您的在办诉求（1 件）").contains(number + "（接待）")));
        asOffice().body(Map.of("userId", member.userId(), "caseId", caseId, "key", "PRESS")).post("/api/sandbox/wecom/tap")
                .then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.endsWith("key")));
    }

    @Test
    void shouldGiveAValidCodeATokenForThatRepresentativeOnly() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String ownCase = assignedCase(town, member);
        long otherWorkstation = Team.secondWorkstation(town);
        WeComMember other = WeComMember.at(town, otherWorkstation);
        String othersCase = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "别处的诉求")).post("/api/cases").then().statusCode(201).extract().path("id");
        asOffice().body(Map.of("representativeId", other.id())).post("/api/cases/" + othersCase + "/commands/assign").then().statusCode(200);

        String code = member.signInCode(providers.wecom);
        String token = WorkbenchSignIn.started(null).code(code).get("/api/wecom/oauth").then().statusCode(200).extract().path("token");

        given().auth().oauth2(token).get("/api/cases/" + ownCase).then().statusCode(200);
        given().auth().oauth2(token).get("/api/cases/" + othersCase).then().statusCode(404);
        given().auth().oauth2(token).post("/api/cases/" + ownCase + "/commands/sign-for").then().statusCode(200);
        given().auth().oauth2(token).get("/api/cases/" + ownCase + "/resident-history").then().statusCode(200);
    }

    @Test
    void shouldServeTheWorkbenchAndSendItsMembersToWeComsSignIn() {
        given().get("/workbench/index.html").then().statusCode(200).body(org.hamcrest.Matchers.containsString("连心桥 · 代表工作台"));

        String url = given().queryParam("state", "__cases_x").get("/api/wecom/oauth/authorize-url").then().statusCode(200).extract().path("url");
        assertThat(url).startsWith("https://open.weixin.qq.com/connect/oauth2/authorize?appid=" + TestSecrets.WECOM_CORP_ID)
                .contains("redirect_uri=https%3A%2F%2Flianxin.test%2Fworkbench%2F").contains("scope=snsapi_base").containsPattern("state=[A-Za-z0-9_-]{32}__cases_x#")
                .endsWith("#wechat_redirect");
        given().queryParam("state", "<script>").get("/api/wecom/oauth/authorize-url").then().statusCode(422);
    }

    @Test
    void shouldRefuseACodeWhoseStateThisBrowserWasNotGiven() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String code = member.signInCode(providers.wecom);
        WorkbenchSignIn mine = WorkbenchSignIn.started(null);
        WorkbenchSignIn foreign = WorkbenchSignIn.started(null);

        // A link with someone else's code (login CSRF): no state, no cookie, or another browser's state.
        given().queryParam("code", code).get("/api/wecom/oauth").then().statusCode(403).contentType("application/problem+json");
        given().queryParam("code", code).queryParam("state", foreign.state()).get("/api/wecom/oauth").then().statusCode(403);
        given().cookie(WorkbenchSignIn.COOKIE, mine.cookie()).queryParam("code", code).queryParam("state", foreign.state())
                .get("/api/wecom/oauth").then().statusCode(403);
        given().cookie(WorkbenchSignIn.COOKIE, mine.cookie()).queryParam("code", code).get("/api/wecom/oauth").then().statusCode(403);

        mine.code(code).get("/api/wecom/oauth").then().statusCode(200).body("token", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldRefuseAnInvalidCodeAndANonMember() {
        WorkbenchSignIn.started(null).code("expired-code").get("/api/wecom/oauth").then().statusCode(401)
                .contentType("application/problem+json");

        String code = Api.unique("outsider");
        providers.wecom.stubFor(get(urlPathEqualTo("/cgi-bin/auth/getuserinfo")).withQueryParam("code", equalTo(code))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\":0,\"errmsg\":\"ok\",\"openid\":\"oAAAAAAA\",\"external_userid\":\"wmAAAA\"}")));
        WorkbenchSignIn.started(null).code(code).get("/api/wecom/oauth").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldHoldMessagesOverTheMembersLimitAndSendThemAsOneDigest() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        // The member has had their hour's worth (this hour and the next, should the test cross the hour).
        Instant now = Instant.now();
        for (String key : List.of(MemberLimits.hourKey(member.userId(), now), MemberLimits.hourKey(member.userId(), now.plusSeconds(3600)))) {
            redis.value(Long.class).setex(key, 7200, 1000L);
        }
        String first = assignedCase(town, member);
        String second = assignedCase(town, member);

        // Every notice the two cases call for is written before the limit lifts, so that none arrives after the digest.
        await().atMost(PIPELINE).until(() -> Database.count(pool, "SELECT count(*) FROM outbox_event e WHERE e.aggregate_id IN ($1, $2)"
                + " AND NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.event_id = e.id AND p.consumer = 'notifications')",
                first, second) == 0);
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(messagesTo(member)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(m -> assertThat(m).containsEntry("status", "DEFERRED").containsEntry("lastError", WeComDispatcher.HELD)
                        // Held by our limit, not attempted: waiting does not use up the message's attempts.
                        .containsEntry("attempts", 0)));
        assertThat(sendsTo(member)).isEmpty();

        // A new hour: what was held goes out, together.
        redis.key().del(MemberLimits.hourKey(member.userId(), now), MemberLimits.hourKey(member.userId(), now.plusSeconds(3600)));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(messagesTo(member))
                .allSatisfy(m -> assertThat(m).containsEntry("status", "SENT")));
        List<Map<String, Object>> sent = messagesTo(member);
        // All of them went out under the digest's WeCom msgid.
        assertThat(Database.count(pool, "SELECT count(DISTINCT provider_message_id) FROM outbound_message WHERE representative_id = $1"
                + " AND provider_message_id IS NOT NULL", member.id())).isEqualTo(1);
        assertThat(Database.count(pool, "SELECT count(*) FROM outbound_message WHERE representative_id = $1 AND provider_message_id IS NULL",
                member.id())).isZero();
        assertThat(sendsTo(member)).singleElement().satisfies(r -> {
            JsonPath digest = JsonPath.from(r.getBodyAsString());
            assertThat(digest.getString("msgtype")).isEqualTo("textcard");
            assertThat(digest.getString("textcard.title")).isEqualTo("连心桥 · " + sent.size() + " 条新通知");
            for (String caseId : List.of(first, second)) {
                String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");
                assertThat(digest.getString("textcard.description")).contains(number);
            }
        });
    }

    private static List<Map<String, Object>> messagesTo(WeComMember member) {
        return asOffice().queryParam("representativeId", member.id()).queryParam("size", 100).get("/api/messages").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private List<LoggedRequest> sendsTo(WeComMember member) {
        return providers.wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/send"))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(member.userId()))));
    }

    @Test
    void shouldFetchTheAccessTokenOnceForTwoInstancesSharingRedis() throws Exception {
        String corp = "wwshared" + MSG_IDS.incrementAndGet();
        WeComSettings settings = new WeComSettings(Optional.of(corp), Optional.of(1000002), Optional.of(TestSecrets.WECOM_SECRET),
                Optional.empty(), Optional.empty(), providers.wecom.baseUrl(), Optional.empty(), Optional.empty());
        WxCpService first = WeComClient.service(settings, new RedisWxOps(redis), WeComClient.KEY_PREFIX);
        WxCpService second = WeComClient.service(settings, new RedisWxOps(redis), WeComClient.KEY_PREFIX);

        String token = first.getAccessToken();
        assertThat(second.getAccessToken()).isEqualTo(token);
        assertThat(providers.wecom.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/gettoken")).withQueryParam("corpid", equalTo(corp))))
                .hasSize(1);
    }
}
