package cn.lianxin.cases;

import cn.lianxin.cases.domain.CommandKind;
import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CaseLifecycleTest {

    @Inject
    Pool pool;

    private static String register(Fixtures town) {
        return asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "村口的路灯坏了三个月了")).post("/api/cases").then().statusCode(201).extract().path("id");
    }

    private static String commands(String id, String command) {
        return "/api/cases/" + id + "/commands/" + command;
    }

    /** Registered and assigned to the team's first representative, who has signed for it. */
    private static String signedFor(Team team) {
        String id = register(team.town());
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post(commands(id, "assign")).then().statusCode(200);
        Team.as(team.first()).post(commands(id, "sign-for")).then().statusCode(200).body("state", equalTo("RECEIVED"));
        return id;
    }

    private void awaitReplyDelivered(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(pool,
                "SELECT count(*) FROM outbound_message WHERE case_id = $1 AND purpose IN ('CASE_REPLY', 'FEEDBACK_PROMPT') AND status = 'SENT'",
                UUID.fromString(id)) == 2);
    }

    @Test
    void shouldWalkAnOnTheSpotCaseThroughAllSixSteps() {
        Team team = Team.at(Fixtures.town());
        String id = signedFor(team);

        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post(commands(id, "handling")).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS")).body("handlingClass", equalTo("ON_THE_SPOT"));
        Team.as(team.first()).body(Map.of("text", "已联系供电所，明天修好")).post(commands(id, "reply")).then().statusCode(200)
                .body("state", equalTo("REPLIED")).body("reply", equalTo("已联系供电所，明天修好"));
        awaitReplyDelivered(id);
        asOffice().queryParam("caseId", id).get("/api/messages").then()
                .body("items.body", hasItem(org.hamcrest.Matchers.containsString("已联系供电所，明天修好")));

        Team.as(team.liaison()).body(Map.of("feedback", "SATISFIED", "comment", "很快")).post(commands(id, "feedback")).then()
                .statusCode(200).body("state", equalTo("FEEDBACK_GIVEN")).body("feedback", equalTo("SATISFIED"));
        Team.as(team.liaison()).post(commands(id, "archive")).then().statusCode(200).body("state", equalTo("ARCHIVED"))
                .body("allowedCommands", contains("REVISIT"));

        asOffice().get("/api/cases/" + id + "/activity").then().statusCode(200)
                .body("action", contains("REGISTER", "ASSIGN", "SIGN_FOR", "CHOOSE_HANDLING", "REPLY", "RECORD_FEEDBACK", "ARCHIVE"))
                .body("toState", contains("REGISTERED", "REGISTERED", "RECEIVED", "IN_PROGRESS", "REPLIED", "FEEDBACK_GIVEN", "ARCHIVED"))
                .body("[2].actor", equalTo(team.first()));
        assertThat(Database.strings(pool, "SELECT event_type FROM outbox_event WHERE aggregate_id = $1 ORDER BY seq", id))
                .containsExactly("case.registered", "case.assigned", "case.signed-for", "case.handling-chosen", "case.replied",
                        "case.feedback-recorded", "case.archived");
    }

    @Test
    void shouldHoldTheReplyOfAnEscalatedCaseUntilTheInstructionIsRecorded() {
        Team team = Team.at(Fixtures.town());
        String id = signedFor(team);
        Team.as(team.first()).body(Map.of("handlingClass", "ESCALATE_FOR_INSTRUCTION")).post(commands(id, "handling")).then()
                .statusCode(200).body("awaitingInstruction", equalTo(true));

        Team.as(team.first()).body(Map.of("text", "先答复")).post(commands(id, "reply")).then().statusCode(409)
                .body("state", equalTo("IN_PROGRESS"))
                .body("allowedCommands", contains("ADD_NOTE", "ESCALATE", "TRANSFER", "RETURN_TO_DISPATCH"));
        Team.as(team.first()).get("/api/cases/" + id).then().body("allowedCommands", not(hasItem("REPLY")));
        // The group leader may record the instruction the case waits for; the representative may not.
        Team.as(team.leader()).get("/api/cases/" + id).then().body("allowedCommands", hasItem("RECORD_INSTRUCTION"));
        Team.as(team.first()).body(Map.of("text", "自己批示")).post(commands(id, "instruction")).then().statusCode(403);
        Team.as(team.leader()).body(Map.of("text", "同意纳入明年道路硬化计划")).post(commands(id, "instruction")).then().statusCode(200)
                .body("awaitingInstruction", equalTo(false));
        Team.as(team.first()).body(Map.of("text", "已纳入明年计划")).post(commands(id, "reply")).then().statusCode(200)
                .body("state", equalTo("REPLIED"));
    }

    @Test
    void shouldRecordProgressOfATimeLimitedCaseAndHandOverOnTransfer() {
        Team team = Team.at(Fixtures.town());
        String id = signedFor(team);
        Team.as(team.first()).body(Map.of("handlingClass", "TIME_LIMITED")).post(commands(id, "handling")).then().statusCode(200);
        Team.as(team.first()).body(Map.of("text", "已约施工队")).post(commands(id, "notes")).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS"));
        Team.as(team.first()).body(Map.of("representativeId", team.secondId(), "reason", "乙熟悉水利"))
                .post(commands(id, "transfer")).then().statusCode(200)
                .body("state", equalTo("REGISTERED")).body("representativeId", equalTo((int) team.secondId()));
        Team.as(team.first()).body(Map.of("text", "不再是我的")).post(commands(id, "notes")).then().statusCode(403);
        Team.as(team.second()).post(commands(id, "sign-for")).then().statusCode(200).body("state", equalTo("RECEIVED"));
        Team.as(team.second()).body(Map.of("text", "不属本站职责")).post(commands(id, "return")).then().statusCode(200)
                .body("state", equalTo("REGISTERED")).body("representativeId", nullValue());
        Team.as(team.liaison()).queryParam("unassigned", true).get("/api/cases").then().body("items.id", hasItem(id));
    }

    @Test
    void shouldRefuseACommandTheStepDoesNotAcceptAndChangeNothing() {
        Team team = Team.at(Fixtures.town());
        String id = register(team.town());
        long version = asOffice().get("/api/cases/" + id).then().extract().<Number>path("version").longValue();

        for (String illegal : List.of("reply", "feedback", "archive", "reopen", "instruction")) {
            Map<String, Object> body = Map.of("text", "x", "feedback", "SATISFIED");
            asOffice().body(body).post(commands(id, illegal)).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("state", equalTo("REGISTERED")).body("allowedCommands", hasItem("SIGN_FOR"));
        }
        asOffice().get("/api/cases/" + id).then().body("state", equalTo("REGISTERED")).body("version", equalTo((int) version));
        asOffice().get("/api/cases/" + id + "/activity").then().body("action", contains("REGISTER"));
    }

    /** Every command with a body it would accept, so that only the step can be the reason for a refusal. */
    private static Map<CommandKind, Map.Entry<String, Map<String, Object>>> everyCommand(Team team) {
        Map<CommandKind, Map.Entry<String, Map<String, Object>>> commands = new java.util.EnumMap<>(CommandKind.class);
        commands.put(CommandKind.SET_VILLAGE, Map.entry("village", Map.of("villageId", team.town().villageId())));
        commands.put(CommandKind.ASSIGN, Map.entry("assign", Map.of("representativeId", team.firstId())));
        commands.put(CommandKind.SIGN_FOR, Map.entry("sign-for", Map.of()));
        commands.put(CommandKind.CHOOSE_HANDLING, Map.entry("handling", Map.of("handlingClass", "ON_THE_SPOT")));
        commands.put(CommandKind.ADD_NOTE, Map.entry("notes", Map.of("text", "进展")));
        commands.put(CommandKind.ESCALATE, Map.entry("escalate", Map.of("text", "请示")));
        commands.put(CommandKind.RECORD_INSTRUCTION, Map.entry("instruction", Map.of("text", "批示")));
        commands.put(CommandKind.TRANSFER, Map.entry("transfer", Map.of("representativeId", team.secondId(), "reason", "转办")));
        commands.put(CommandKind.RETURN_TO_DISPATCH, Map.entry("return", Map.of("text", "退回")));
        commands.put(CommandKind.REPLY, Map.entry("reply", Map.of("text", "答复")));
        commands.put(CommandKind.RECORD_FEEDBACK, Map.entry("feedback", Map.of("feedback", "SATISFIED")));
        commands.put(CommandKind.REOPEN, Map.entry("reopen", Map.of("text", "重办")));
        commands.put(CommandKind.REVISIT, Map.entry("revisit", Map.of("outcome", "CARRIED_OUT", "text", "回访")));
        commands.put(CommandKind.ARCHIVE, Map.entry("archive", Map.of()));
        return commands;
    }

    /** The six steps' table as PRODUCT.md describes it, written out here rather than read from {@code Transitions}. */
    private static final Map<String, Set<CommandKind>> STEP_ACCEPTS = Map.of(
            "REGISTERED", EnumSet.of(CommandKind.SET_VILLAGE, CommandKind.ASSIGN, CommandKind.SIGN_FOR, CommandKind.TRANSFER,
                    CommandKind.RETURN_TO_DISPATCH),
            "RECEIVED", EnumSet.of(CommandKind.CHOOSE_HANDLING, CommandKind.ADD_NOTE, CommandKind.TRANSFER, CommandKind.RETURN_TO_DISPATCH),
            "IN_PROGRESS", EnumSet.of(CommandKind.ADD_NOTE, CommandKind.ESCALATE, CommandKind.RECORD_INSTRUCTION, CommandKind.TRANSFER,
                    CommandKind.RETURN_TO_DISPATCH, CommandKind.REPLY),
            "REPLIED", EnumSet.of(CommandKind.RECORD_FEEDBACK, CommandKind.REVISIT, CommandKind.ARCHIVE),
            "FEEDBACK_GIVEN", EnumSet.of(CommandKind.REOPEN, CommandKind.REVISIT, CommandKind.ARCHIVE),
            "ARCHIVED", EnumSet.of(CommandKind.REVISIT));

    /** In the case's current step, every command the table does not allow is refused with 409 and changes nothing. */
    private void assertEveryForbiddenCommandRefused(String id, Team team) {
        String state = asOffice().get("/api/cases/" + id).then().extract().path("state");
        int version = asOffice().get("/api/cases/" + id).then().extract().path("version");
        long lines = Database.count(pool, "SELECT count(*) FROM case_activity WHERE case_id = $1", UUID.fromString(id));
        everyCommand(team).forEach((command, request) -> {
            if (!STEP_ACCEPTS.get(state).contains(command)) {
                asOffice().body(request.getValue()).post(commands(id, request.getKey())).then()
                        .statusCode(409).body("state", equalTo(state));
            }
        });
        asOffice().get("/api/cases/" + id).then().body("state", equalTo(state)).body("version", equalTo(version));
        assertThat(Database.count(pool, "SELECT count(*) FROM case_activity WHERE case_id = $1", UUID.fromString(id))).isEqualTo(lines);
    }

    @Test
    void shouldRefuseEveryForbiddenCommandInEveryStep() {
        Team team = Team.at(Fixtures.town());
        String id = register(team.town());
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post(commands(id, "assign")).then().statusCode(200);
        assertEveryForbiddenCommandRefused(id, team);
        Team.as(team.first()).post(commands(id, "sign-for")).then().statusCode(200);
        assertEveryForbiddenCommandRefused(id, team);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post(commands(id, "handling")).then().statusCode(200);
        assertEveryForbiddenCommandRefused(id, team);
        Team.as(team.first()).body(Map.of("text", "已处理", "attachments", List.of("https://files.example/repair.jpg")))
                .post(commands(id, "reply")).then().statusCode(200).body("replyAttachments", contains("https://files.example/repair.jpg"));
        assertEveryForbiddenCommandRefused(id, team);
        awaitReplyDelivered(id);
        Team.as(team.liaison()).body(Map.of("feedback", "BASICALLY_SATISFIED")).post(commands(id, "feedback")).then().statusCode(200);
        assertEveryForbiddenCommandRefused(id, team);
        Team.as(team.liaison()).post(commands(id, "archive")).then().statusCode(200);
        assertEveryForbiddenCommandRefused(id, team);
    }

    /** Brings a new case to one of the points of the walk below, as the office would. */
    private String caseAt(Team team, String point) {
        String id = register(team.town());
        asOffice().body(Map.of("representativeId", team.firstId())).post(commands(id, "assign")).then().statusCode(200);
        if (point.equals("registered")) {
            return id;
        }
        asOffice().post(commands(id, "sign-for")).then().statusCode(200);
        if (point.equals("received")) {
            return id;
        }
        String handling = point.equals("awaiting instruction") ? "ESCALATE_FOR_INSTRUCTION" : "ON_THE_SPOT";
        asOffice().body(Map.of("handlingClass", handling)).post(commands(id, "handling")).then().statusCode(200);
        if (point.equals("awaiting instruction") || point.equals("in progress")) {
            return id;
        }
        asOffice().body(Map.of("text", "已处理")).post(commands(id, "reply")).then().statusCode(200);
        awaitReplyDelivered(id);
        if (point.equals("reply delivered")) {
            return id;
        }
        asOffice().body(Map.of("feedback", point.equals("unsatisfied") ? "UNSATISFIED" : "SATISFIED")).post(commands(id, "feedback"))
                .then().statusCode(200);
        return id;
    }

    /** What a case view offers is what the lifecycle then does: every listed command, given, is carried out. */
    @Test
    void shouldCarryOutEveryCommandTheCaseViewOffers() {
        Team team = Team.at(Fixtures.town());
        Map<CommandKind, Map.Entry<String, Map<String, Object>>> requests = everyCommand(team);
        // Not "replied" before delivery: whether archiving is offered then depends on when the dispatcher sends.
        for (String point : List.of("registered", "received", "awaiting instruction", "in progress", "reply delivered", "unsatisfied")) {
            List<String> offered = asOffice().get("/api/cases/" + caseAt(team, point)).then().extract().path("allowedCommands");
            assertThat(offered).as(point).isNotEmpty();
            for (String command : offered) {
                var request = requests.get(CommandKind.valueOf(command));
                asOffice().body(request.getValue()).post(commands(caseAt(team, point), request.getKey())).then()
                        .statusCode(200);
            }
        }
    }

    @Test
    void shouldRefuseAReplyAttachmentThatIsNotALink() {
        Team team = Team.at(Fixtures.town());
        String id = signedFor(team);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post(commands(id, "handling")).then().statusCode(200);
        Team.as(team.first()).body(Map.of("text", "已处理", "attachments", List.of("C:\\photo.jpg"))).post(commands(id, "reply")).then()
                .statusCode(422).body("errors[0].field", org.hamcrest.Matchers.startsWith("attachments"));
    }

    @Test
    void shouldNotArchiveWithoutADeliveredReply() {
        Team team = Team.at(Fixtures.town());
        String id = signedFor(team);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post(commands(id, "handling")).then().statusCode(200);
        Team.as(team.first()).body(Map.of("text", "已处理")).post(commands(id, "reply")).then().statusCode(200);
        awaitReplyDelivered(id);
        // The provider reports the reply undeliverable.
        pool.preparedQuery("UPDATE outbound_message SET status = 'FAILED' WHERE case_id = $1 AND purpose = 'CASE_REPLY'")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely();

        Team.as(team.liaison()).post(commands(id, "archive")).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("件件有回音"));
        asOffice().get("/api/cases/" + id).then().body("state", equalTo("REPLIED"));
    }

    @Test
    void shouldReopenOnceWithTheRepresentativeThenGoToTheGroupLeader() {
        Team team = Team.at(Fixtures.town());
        String id = signedFor(team);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post(commands(id, "handling")).then().statusCode(200);
        Team.as(team.first()).body(Map.of("text", "已修")).post(commands(id, "reply")).then().statusCode(200);
        Team.as(team.liaison()).body(Map.of("feedback", "UNSATISFIED", "comment", "没修好")).post(commands(id, "feedback")).then().statusCode(200);
        Team.as(team.liaison()).body(Map.of("text", "居民不满意")).post(commands(id, "reopen")).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS")).body("representativeId", equalTo((int) team.firstId())).body("reopenCount", equalTo(1));

        Team.as(team.first()).body(Map.of("text", "再次修理")).post(commands(id, "reply")).then().statusCode(200);
        Team.as(team.liaison()).body(Map.of("feedback", "UNSATISFIED")).post(commands(id, "feedback")).then().statusCode(200);
        Team.as(team.liaison()).body(Map.of("text", "第二次不满意")).post(commands(id, "reopen")).then().statusCode(200)
                .body("representativeId", equalTo((int) team.leaderId())).body("reopenCount", equalTo(2));
    }

    @Test
    void shouldLetOnlyOneOfTwoSimultaneousCommandsWin() throws Exception {
        Team team = Team.at(Fixtures.town());
        String id = register(team.town());
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post(commands(id, "assign")).then().statusCode(200);

        var pool2 = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<Integer> signFor = () -> {
                start.await();
                return Team.as(team.first()).post(commands(id, "sign-for")).then().extract().statusCode();
            };
            var a = pool2.submit(signFor);
            var b = pool2.submit(signFor);
            start.countDown();
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool2.shutdownNow();
        }
        assertThat(Database.count(pool, "SELECT count(*) FROM case_activity WHERE case_id = $1 AND action = 'SIGN_FOR'",
                UUID.fromString(id))).isEqualTo(1);
    }
}
