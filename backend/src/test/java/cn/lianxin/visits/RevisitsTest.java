package cn.lianxin.visits;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.CaseSteps;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 回访: every archived case, and every reply left unrated, gets one revisit task for its representative within the
 * working days (不满意 sooner); the outcome given to the case completes it, counts in the figures, and "not carried
 * out" puts the case back in the group leader's hands.
 */
@QuarkusTest
class RevisitsTest {

    @Inject
    Pool pool;
    @Inject
    TestClock clock;
    @Inject
    RevisitPlanner planner;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * The town's 10:00 on that day (the town is UTC+8). Days in the past: the reply's messages are stamped with the
     * real time, and must not look older than the reply.
     */
    private void today(String day) {
        clock.set(OffsetDateTime.parse(day + "T10:00:00+08:00").toInstant());
    }

    /** A concern raised on the first representative's visit, replied to by them, its reply delivered by SMS. */
    private String replied(Team team, String day, String text) {
        String caseId = Team.as(team.first()).body(Map.of("villageId", team.town().villageId(), "visitedAt", day, "metWith", "王大爷",
                        "summary", "走访", "issues", List.of(Map.of("text", text, "categoryId", team.town().categoryId(),
                                "residentPhone", cn.lianxin.testing.Api.uniquePhone()))))
                .post("/api/visits").then().statusCode(201).extract().<List<String>>path("caseIds").get(0);
        CaseSteps.reply(team.first(), caseId, "已办好：" + text);
        CaseSteps.replySent(pool, caseId);
        return caseId;
    }

    private void archived(Team team, String caseId, String feedback) {
        CaseSteps.rate(team, caseId, feedback);
        Team.as(team.liaison()).post(CaseSteps.command(caseId, "archive")).then().statusCode(200);
    }

    private JsonPath task(Team team, String caseId) {
        return Team.as(team.first()).get("/api/revisits").then().statusCode(200).extract().jsonPath()
                .setRootPath("find { it.caseId == '" + caseId + "' }");
    }

    private long tasksOf(String caseId) {
        return Database.count(pool, "SELECT count(*) FROM revisit_task WHERE case_id = $1", UUID.fromString(caseId));
    }

    @Test
    void shouldGiveEachArchivedOrSilentCaseOneRevisitForItsRepresentativeAndCountItsOutcome() {
        Team team = Team.at(Fixtures.town());
        today("2026-03-18");
        String satisfied = replied(team, "2026-03-16", "路灯坏了");
        String unsatisfied = replied(team, "2026-03-17", "水渠堵了");
        String silent = replied(team, "2026-03-18", "村道坑洼");
        archived(team, satisfied, "SATISFIED");
        archived(team, unsatisfied, "UNSATISFIED");

        Workers.runOnce(planner::runOnce);
        Workers.runOnce(planner::runOnce);
        assertThat(tasksOf(satisfied)).isEqualTo(1);
        assertThat(tasksOf(unsatisfied)).isEqualTo(1);
        // Wednesday + 5 working days; 不满意 within 2.
        assertThat(task(team, satisfied).getString("dueOn")).isEqualTo("2026-03-25");
        assertThat(task(team, satisfied).getLong("representativeId")).isEqualTo(team.firstId());
        assertThat(task(team, satisfied).getString("reason")).isEqualTo("ARCHIVED");
        assertThat(task(team, unsatisfied).getString("dueOn")).isEqualTo("2026-03-20");
        List<String> order = Team.as(team.first()).get("/api/revisits").then().extract().jsonPath().getList("caseId");
        assertThat(order.indexOf(unsatisfied)).isLessThan(order.indexOf(satisfied));
        // Unrated for two working days is not silence yet; for three it is (Thursday, Friday, Monday).
        today("2026-03-20");
        Workers.runOnce(planner::runOnce);
        assertThat(tasksOf(silent)).isZero();
        today("2026-03-23");
        Workers.runOnce(planner::runOnce);
        Workers.runOnce(planner::runOnce);
        assertThat(tasksOf(silent)).isEqualTo(1);
        assertThat(task(team, silent).getString("reason")).isEqualTo("SILENT");
        assertThat(task(team, silent).getString("dueOn")).isEqualTo("2026-03-30");
        assertThat(task(team, satisfied).getString("status")).isEqualTo("DUE");

        // 事事有落实: the representative revisits; not reached leaves the task open.
        Team.as(team.first()).body(Map.of("outcome", "NOT_REACHED", "text", "电话无人接听")).post(CaseSteps.command(satisfied, "revisit"))
                .then().statusCode(200).body("state", equalTo("ARCHIVED"));
        assertThat(task(team, satisfied).getString("status")).isEqualTo("DUE");
        Team.as(team.first()).body(Map.of("outcome", "CARRIED_OUT", "text", "居民说路灯已经亮了")).post(CaseSteps.command(satisfied, "revisit"))
                .then().statusCode(200).body("state", equalTo("ARCHIVED"));
        assertThat(task(team, satisfied).getString("status")).isEqualTo("DONE");
        assertThat(task(team, satisfied).getString("outcome")).isEqualTo("CARRIED_OUT");

        // Not carried out: back in hand, with the group leader.
        Team.as(team.first()).body(Map.of("outcome", "NOT_CARRIED_OUT", "text", "水渠还是堵着")).post(CaseSteps.command(unsatisfied, "revisit"))
                .then().statusCode(200).body("state", equalTo("IN_PROGRESS")).body("representativeId", equalTo((int) team.leaderId()))
                .body("reply", org.hamcrest.Matchers.nullValue());
        asOffice().get("/api/cases/" + unsatisfied + "/activity").then()
                .body("[-1].action", equalTo("REVISIT")).body("[-1].detail", containsString("回访（未落实）：水渠还是堵着；转组长办理：组长"));
        assertThat(task(team, unsatisfied).getString("status")).isEqualTo("DONE");

        // The two figures beside the four rates: archived 1 (the reopened one no longer is), revisited and reached 1 of it;
        // revisits that reached the resident 2, carried out 1.
        JsonPath rates = asOffice().queryParam("from", "2026-03-01").queryParam("to", "2026-03-31").queryParam("by", "representative")
                .queryParam("workstationId", team.workstationId()).get("/api/stats/rates").then().statusCode(200).extract().jsonPath()
                .setRootPath("rows.find { it.id == " + team.firstId() + " }");
        assertThat(rates.getLong("archived")).isEqualTo(1);
        assertThat(rates.getLong("archivedRevisited")).isEqualTo(1);
        assertThat(rates.getString("revisitCoverage")).isEqualTo("1.0");
        assertThat(rates.getLong("revisited")).isEqualTo(1);
        assertThat(rates.getLong("carriedOut")).isEqualTo(1);
        JsonPath leader = asOffice().queryParam("from", "2026-03-01").queryParam("to", "2026-03-31").queryParam("by", "workstation")
                .queryParam("workstationId", team.workstationId()).get("/api/stats/rates").then().statusCode(200).extract().jsonPath()
                .setRootPath("total");
        assertThat(leader.getLong("revisited")).isEqualTo(2);
        assertThat(leader.getLong("carriedOut")).isEqualTo(1);
        assertThat(leader.getString("carriedOutRate")).isEqualTo("0.5");

        // Another workstation's liaison sees none of these tasks.
        Team other = Team.at(team.town(), Team.secondWorkstation(team.town()));
        assertThat(Team.as(other.liaison()).get("/api/revisits").then().statusCode(200).extract().jsonPath().<String>getList("caseId"))
                .doesNotContain(satisfied, unsatisfied, silent);
    }
}
