package cn.lianxin.stats;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.lianxin.testing.CaseSteps;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The figures through the public API, on a town of our own: every query is narrowed to this test's workstation,
 * because the other tests' cases share the database. Deadlines are not set by the lifecycle yet, so the tests
 * set reply_due_at and the other due columns with SQL UPDATE, as the deadline engine will once it exists.
 */
@QuarkusTest
class StatsApiTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    @Inject
    Pool pool;

    /**
     * A case registered in {@code villageId} for a resident of its own (one resident's seven acknowledgements and
     * replies would fill the per-number SMS window and hold the reply this test waits for) and assigned by the town
     * office to {@code representativeId}.
     */
    private static String registerFor(Fixtures town, long villageId, long representativeId) {
        String id = asOffice().body(Map.of("residentId", town.resident(), "villageId", villageId, "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "排水沟堵了")).post("/api/cases").then().statusCode(201).extract().path("id");
        CaseSteps.assign(id, representativeId);
        return id;
    }

    private void setDue(String column, String at, String id) {
        assertThat(Database.update(pool, "UPDATE cases SET " + column + " = " + at + " WHERE id = $1", UUID.fromString(id))).isEqualTo(1);
    }

    private static JsonPath rates(RequestSpecification who, String by, long workstationId) {
        LocalDate today = LocalDate.now(TOWN);
        return who.queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                .queryParam("by", by).queryParam("workstationId", workstationId)
                .get("/api/stats/rates").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static Map<String, Object> row(JsonPath rates, long id) {
        List<Map<String, Object>> rows = rates.getList("rows");
        return rows.stream().filter(r -> r.get("id") != null && ((Number) r.get("id")).longValue() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id + " in " + rows));
    }

    /** Counts in the order registered, signedFor, replied, onTime n/d, rated, satisfied; then the four rates. */
    private static void assertFigures(Map<String, Object> row, long[] counts, String... rates) {
        assertThat(List.of(row.get("registered"), row.get("signedFor"), row.get("replied"), row.get("onTimeNumerator"),
                row.get("onTimeDenominator"), row.get("rated"), row.get("satisfied")).stream().map(n -> ((Number) n).longValue()).toList())
                .as("counts of %s", row).containsExactly(java.util.Arrays.stream(counts).boxed().toArray(Long[]::new));
        assertThat(java.util.Arrays.asList(row.get("responseRate"), row.get("onTimeRate"), row.get("resolutionRate"), row.get("satisfactionRate")))
                .as("rates of %s", row).containsExactly(java.util.Arrays.stream(rates).map(r -> r == null ? null : new BigDecimal(r)).toArray());
    }

    @Test
    void shouldCountTheFourRatesPerRepresentativeWorkstationAndVillage() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        long west = town.village("西村");

        // 代表甲: archived 满意 on time; 不满意 late; signed for and overdue without a reply; waiting to be signed
        // for, its reply deadline still ahead; signed for by 代表乙 and transferred to 代表甲 (back in 登记).
        String onTime = registerFor(town, town.villageId(), team.firstId());
        CaseSteps.reply(team.first(), onTime, "已处理");
        CaseSteps.rate(team, onTime, "SATISFIED");
        String late = registerFor(town, town.villageId(), team.firstId());
        CaseSteps.reply(team.first(), late, "已处理");
        CaseSteps.rate(team, late, "UNSATISFIED");
        String overdue = registerFor(town, town.villageId(), team.firstId());
        CaseSteps.signFor(team.first(), overdue);
        String waiting = registerFor(town, town.villageId(), team.firstId());
        String transferred = registerFor(town, town.villageId(), team.secondId());
        CaseSteps.signFor(team.second(), transferred);
        Team.as(team.second()).body(Map.of("representativeId", team.firstId(), "reason", "甲熟悉")).post(CaseSteps.command(transferred, "transfer"))
                .then().statusCode(200).body("state", equalTo("REGISTERED"));
        // 代表乙, in 西村: 基本满意 on time; registered, no deadline.
        String basically = registerFor(town, west, team.secondId());
        CaseSteps.reply(team.second(), basically, "已处理");
        CaseSteps.rate(team, basically, "BASICALLY_SATISFIED");
        registerFor(town, west, team.secondId());

        setDue("reply_due_at", "replied_at + interval '1 hour'", onTime);
        setDue("reply_due_at", "replied_at - interval '1 hour'", late);
        setDue("reply_due_at", "now() - interval '1 day'", overdue);
        setDue("reply_due_at", "now() + interval '5 days'", waiting);
        setDue("reply_due_at", "replied_at + interval '1 day'", basically);
        // Archived counts as resolved: archive the first once its reply has reached the resident.
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(pool,
                "SELECT count(*) FROM outbound_message WHERE case_id = $1 AND purpose = 'CASE_REPLY' AND status = 'SENT'",
                UUID.fromString(onTime)) == 1);
        Team.as(team.liaison()).post(CaseSteps.command(onTime, "archive")).then().statusCode(200).body("state", equalTo("ARCHIVED"));

        JsonPath byRepresentative = rates(asOffice(), "representative", team.workstationId());
        assertThat(byRepresentative.getList("rows")).hasSize(2);
        assertFigures(row(byRepresentative, team.firstId()), new long[] {5, 4, 2, 1, 3, 2, 1}, "0.8000", "0.3333", "0.4000", "0.5000");
        assertThat(row(byRepresentative, team.firstId()).get("name")).isEqualTo("代表甲");
        assertFigures(row(byRepresentative, team.secondId()), new long[] {2, 1, 1, 1, 1, 1, 1}, "0.5000", "1.0000", "0.5000", "1.0000");
        assertFigures(byRepresentative.getMap("total"), new long[] {7, 5, 3, 2, 4, 3, 2}, "0.7143", "0.5000", "0.4286", "0.6667");
        assertThat(byRepresentative.getString("by")).isEqualTo("representative");

        JsonPath byVillage = rates(asOffice(), "village", team.workstationId());
        assertFigures(row(byVillage, town.villageId()), new long[] {5, 4, 2, 1, 3, 2, 1}, "0.8000", "0.3333", "0.4000", "0.5000");
        assertFigures(row(byVillage, west), new long[] {2, 1, 1, 1, 1, 1, 1}, "0.5000", "1.0000", "0.5000", "1.0000");

        // A liaison reads their own workstation's figures without naming it; the same total.
        JsonPath byWorkstation = rates(Team.as(team.liaison()), "workstation", team.workstationId());
        assertFigures(row(byWorkstation, team.workstationId()), new long[] {7, 5, 3, 2, 4, 3, 2}, "0.7143", "0.5000", "0.4286", "0.6667");
        assertThat(byWorkstation.getList("rows")).hasSize(1);
        Team.as(team.leader()).queryParam("from", "2026-01-01").queryParam("to", "2026-01-31").queryParam("by", "category")
                .get("/api/stats/rates").then().statusCode(200).body("workstationId", equalTo((int) team.workstationId()));
    }

    @Test
    void shouldGiveNoRateWhereThereIsNothingToDivideBy() {
        Team team = Team.at(Fixtures.town());
        asOffice().queryParam("from", "2020-01-01").queryParam("to", "2020-12-31").queryParam("by", "category")
                .queryParam("workstationId", team.workstationId()).get("/api/stats/rates").then().statusCode(200)
                .body("rows", empty()).body("total.registered", equalTo(0)).body("total.onTimeDenominator", equalTo(0))
                .body("total.responseRate", nullValue()).body("total.onTimeRate", nullValue())
                .body("total.resolutionRate", nullValue()).body("total.satisfactionRate", nullValue());
    }

    @Test
    void shouldRefuseBadPeriodsAndDimensionsNamingTheParameter() {
        Map<String, Map<String, String>> bad = Map.of(
                "by", Map.of("from", "2026-11-01", "to", "2026-11-30", "by", "town"),
                "to", Map.of("from", "2026-11-30", "to", "2026-11-01", "by", "village"),
                "from", Map.of("from", "30.11.2026", "to", "2026-12-01", "by", "village"));
        bad.forEach((field, query) -> asOffice().queryParams(query).get("/api/stats/rates").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", contains(field)));
        asOffice().queryParams(Map.of("from", "2026-11-01", "to", "2026-11-30")).get("/api/stats/rates").then().statusCode(422)
                .body("errors.field", contains("by"));
        // 366 days is a leap year's worth; one day more is refused.
        asOffice().queryParams(Map.of("from", "2027-01-01", "to", "2028-12-31", "by", "workstation")).get("/api/stats/rates").then()
                .statusCode(422).body("errors.field", contains("to"));
        asOffice().queryParams(Map.of("from", "2028-01-01", "to", "2028-12-31", "by", "workstation")).get("/api/stats/rates").then()
                .statusCode(200);
    }

    @Test
    void shouldLetOnlyTheOfficeAndTheWorkstationsOwnLeadersReadFigures() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        Team other = Team.at(town, Team.secondWorkstation(town));
        Map<String, String> november = Map.of("from", "2026-11-01", "to", "2026-11-30", "by", "representative");

        Team.as(team.first()).queryParams(november).get("/api/stats/rates").then().statusCode(403);
        Team.as(team.first()).get("/api/stats/overdue").then().statusCode(403);
        Team.as(other.liaison()).queryParams(november).queryParam("workstationId", team.workstationId()).get("/api/stats/rates").then()
                .statusCode(403);
        Team.as(other.leader()).queryParam("workstationId", team.workstationId()).get("/api/stats/overdue").then().statusCode(403);
    }

    @Test
    void shouldListOverdueCasesMostOverdueFirst() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String unsigned = registerFor(town, town.villageId(), team.firstId());
        String unresolved = registerFor(town, town.villageId(), team.firstId());
        CaseSteps.signFor(team.first(), unresolved);
        String unanswered = registerFor(town, town.villageId(), team.secondId());
        CaseSteps.signFor(team.second(), unanswered);
        String answeredLate = registerFor(town, town.villageId(), team.firstId());
        CaseSteps.reply(team.first(), answeredLate, "已处理");
        String notYetDue = registerFor(town, town.villageId(), team.firstId());

        setDue("sign_for_due_at", "now() - interval '3 days'", unsigned);
        setDue("reply_due_at", "now() - interval '1 hour'", unresolved);
        setDue("resolve_due_at", "now() - interval '2 hours'", unresolved);
        // Signed for late, but signed for: only its missed reply counts.
        setDue("sign_for_due_at", "now() - interval '5 days'", unanswered);
        setDue("reply_due_at", "now() - interval '1 day'", unanswered);
        setDue("reply_due_at", "now() - interval '2 days'", answeredLate);
        setDue("sign_for_due_at", "now() + interval '1 day'", notYetDue);

        JsonPath page = asOffice().queryParam("workstationId", team.workstationId()).get("/api/stats/overdue").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.caseId", contains(unsigned, unanswered, unresolved))
                .body("items.deadline", contains("SIGN_FOR", "REPLY", "RESOLUTION"))
                .body("items.deadlineLabel", contains("签收", "答复", "办结"))
                .body("items[2].missed", contains("RESOLUTION", "REPLY"))
                .body("items.representativeId", contains((int) team.firstId(), (int) team.secondId(), (int) team.firstId()))
                .body("items[1].representativeName", equalTo("代表乙"))
                .body("items[0].workstationName", equalTo("中心工作室"))
                .body("items[0].state", equalTo("REGISTERED"))
                .extract().jsonPath();
        assertThat(page.getLong("items[0].overdueMinutes")).isBetween(3 * 24 * 60L, 3 * 24 * 60L + 5);
        assertThat(page.getLong("items[2].overdueMinutes")).isBetween(120L, 125L);
        assertThat(page.getInt("items[0].overdueWorkingDays")).isBetween(0, 3);

        Team.as(team.liaison()).queryParam("size", 2).queryParam("page", 1).get("/api/stats/overdue").then().statusCode(200)
                .body("total", equalTo(3)).body("items.caseId", contains(unresolved));
        // Past the end, the total is still there.
        Team.as(team.leader()).queryParam("page", 5).get("/api/stats/overdue").then().statusCode(200)
                .body("total", equalTo(3)).body("items", empty());
    }
}
