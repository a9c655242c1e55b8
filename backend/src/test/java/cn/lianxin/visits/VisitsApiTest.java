package cn.lianxin.visits;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VisitsApiTest {

    @Inject
    Pool pool;
    @Inject
    TestClock clock;
    @Inject
    VisitReminders reminders;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** The town's 10:00 on that day (the town is UTC+8). */
    private void today(String day) {
        clock.set(OffsetDateTime.parse(day + "T10:00:00+08:00").toInstant());
    }

    /** Makes the representative answerable for these contact villages, through the master-data API. */
    static void contactVillages(Fixtures town, long workstationId, long representativeId, String name, boolean leader, List<Long> villages) {
        asOffice().body(Map.of("name", name, "workstationId", workstationId, "constituencyId", town.constituencyId(),
                "workFields", List.of("GENERAL"), "specialties", List.of(), "contactVillageIds", villages, "groupLeader", leader))
                .put("/api/representatives/" + representativeId).then().statusCode(200);
    }

    private static void holiday(String day) {
        asOffice().body(Map.of("kind", "HOLIDAY", "name", "测试假日")).put("/api/calendar/" + day).then().statusCode(200);
    }

    private static void noHoliday(String day) {
        asOffice().delete("/api/calendar/" + day);
    }

    private static Map<String, Object> visit(long representativeId, long villageId, String day, List<Map<String, Object>> issues) {
        Map<String, Object> body = new HashMap<>(Map.of("representativeId", representativeId, "villageId", villageId, "visitedAt", day,
                "metWith", "村支书和三户村民", "summary", "了解春耕和道路情况", "issues", issues));
        return body;
    }

    private static String status(JsonPath coverage, long villageId) {
        return coverage.getString("find { it.villageId == " + villageId + " }.status");
    }

    @Test
    void shouldPlanEachContactVillageOnTheFirstWorkingDayOfItsWeekAndSkipAWeekWithoutOne() {
        Fixtures town = Fixtures.town();
        long west = town.village("西村");
        long rep = town.representative("走访代表", List.of("GENERAL"), List.of(), List.of(town.villageId(), west), null);
        // 2031-06-02 is a Monday given off: that week's visits fall due on Tuesday. 2031-06-09..13 is all off: no visits due.
        List<String> off = List.of("2031-06-02", "2031-06-09", "2031-06-10", "2031-06-11", "2031-06-12", "2031-06-13");
        off.forEach(VisitsApiTest::holiday);
        try {
            JsonPath plan = asOffice().queryParam("from", "2031-05-26").queryParam("to", "2031-06-22").get("/api/visits/plan").then()
                    .statusCode(200).extract().jsonPath();
            List<Map<String, Object>> mine = plan.getList("findAll { it.representativeId == " + rep + " }");
            assertThat(mine).extracting(p -> p.get("dueOn") + "/" + p.get("villageId")).containsExactly(
                    "2031-05-26/" + town.villageId(), "2031-05-26/" + west,
                    "2031-06-03/" + town.villageId(), "2031-06-03/" + west,
                    "2031-06-16/" + town.villageId(), "2031-06-16/" + west);
            assertThat(mine).extracting(p -> p.get("village")).contains("东村", "西村");
        } finally {
            off.forEach(VisitsApiTest::noHoliday);
        }
    }

    @Test
    void shouldMakeOneVisitCasePerIssueAssignedToTheVisitorWithoutRoutingAndCoverTheVillage() {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        contactVillages(town, team.workstationId(), team.firstId(), "代表甲", false, List.of(town.villageId()));
        today("2031-06-18");

        JsonPath created = Team.as(team.first()).body(visit(team.firstId(), town.villageId(), "2031-06-17", List.of(
                        Map.of("text", "村东头的桥栏杆断了", "categoryId", town.categoryId(), "residentName", "张大娘", "residentPhone", "13912340001"),
                        Map.of("text", "想了解新农合报销比例", "categoryId", town.categoryId(), "residentName", "张大娘", "residentPhone", "13912340001"),
                        Map.of("text", "垃圾清运时间", "settled", true))))
                .post("/api/visits").then().statusCode(201).extract().jsonPath();
        List<String> caseIds = created.getList("caseIds");
        assertThat(caseIds).hasSize(2);

        for (String caseId : caseIds) {
            Team.as(team.first()).get("/api/cases/" + caseId).then().statusCode(200)
                    .body("channel", equalTo("VISIT")).body("state", equalTo("REGISTERED"))
                    .body("representativeId", equalTo((int) team.firstId())).body("workstationId", equalTo((int) team.workstationId()))
                    .body("routingScore", nullValue()).body("villageId", equalTo((int) town.villageId()));
        }
        // The same person raised both: one resident, not two.
        assertThat(Database.strings(pool, "SELECT DISTINCT resident_id FROM cases WHERE id = ANY($1)",
                (Object) caseIds.stream().map(UUID::fromString).toArray(UUID[]::new))).hasSize(1);
        assertThat(Database.count(pool, "SELECT count(*) FROM visit_issue WHERE visit_id = $1 AND case_id IS NULL",
                UUID.fromString(created.getString("id")))).isEqualTo(1);
        asOffice().get("/api/cases/" + caseIds.get(0) + "/activity").then()
                .body("[0].detail", org.hamcrest.Matchers.containsString("由走访代表 代表甲 承办"));

        // This week's coverage of the village, as the representative and as the liaison see it.
        Team.as(team.first()).queryParam("from", "2031-06-16").queryParam("to", "2031-06-22").get("/api/visits/coverage").then()
                .statusCode(200).body("find { it.villageId == " + town.villageId() + " }.status", equalTo("DONE"));
        Team.as(team.liaison()).get("/api/visits/" + created.getString("id")).then().statusCode(200).body("caseIds", hasSize(2));

        // The same visit sent twice is refused, not doubled.
        Team.as(team.first()).body(visit(team.firstId(), town.villageId(), "2031-06-17", List.of())).post("/api/visits").then()
                .statusCode(409);
    }

    @Test
    void shouldComputeCoverageFromTheRecordsAndTurnLateAfterThePeriod() {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        long west = town.village("西村");
        long north = town.village("北村");
        contactVillages(town, team.workstationId(), team.firstId(), "代表甲", false, List.of(town.villageId(), west, north));
        contactVillages(town, team.workstationId(), team.secondId(), "代表乙", false, List.of(town.villageId()));
        today("2031-06-18");
        Team.as(team.first()).body(visit(team.firstId(), town.villageId(), "2031-06-16", List.of())).post("/api/visits").then().statusCode(201);
        Team.as(team.first()).body(visit(team.firstId(), west, "2031-06-17", List.of())).post("/api/visits").then().statusCode(201);

        JsonPath thisWeek = asOffice().queryParam("from", "2031-06-16").queryParam("to", "2031-06-22").get("/api/visits/coverage").then()
                .statusCode(200).extract().jsonPath();
        assertThat(status(thisWeek, town.villageId())).isEqualTo("STARTED");
        assertThat(status(thisWeek, west)).isEqualTo("DONE");
        assertThat(status(thisWeek, north)).isEqualTo("NOT_STARTED");

        today("2031-06-23");
        JsonPath after = asOffice().queryParam("from", "2031-06-16").queryParam("to", "2031-06-22").get("/api/visits/coverage").then()
                .statusCode(200).extract().jsonPath();
        assertThat(status(after, town.villageId())).isEqualTo("LATE");
        assertThat(status(after, west)).isEqualTo("DONE");
        assertThat(status(after, north)).isEqualTo("LATE");
        assertThat(after.getInt("find { it.villageId == " + town.villageId() + " }.late")).isEqualTo(1);
    }

    @Test
    void shouldKeepVisitsWithinTheWorkstation() {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        Team other = Team.at(town, Team.secondWorkstation(town));
        contactVillages(town, team.workstationId(), team.firstId(), "代表甲", false, List.of(town.villageId()));
        String id = Team.as(team.first()).body(visit(team.firstId(), town.villageId(), java.time.LocalDate.now().toString(), List.of()))
                .post("/api/visits").then().statusCode(201).extract().path("id");

        Team.as(other.liaison()).get("/api/visits/" + id).then().statusCode(404);
        Team.as(team.second()).get("/api/visits/" + id).then().statusCode(404);
        Team.as(team.liaison()).get("/api/visits/" + id).then().statusCode(200);
        Team.as(other.liaison()).get("/api/visits/coverage").then().statusCode(200)
                .body("villageId", org.hamcrest.Matchers.not(hasItem((int) town.villageId())));
        // Nobody records a visit for a representative of another workstation, nor another representative's.
        Team.as(other.liaison()).body(visit(team.firstId(), town.villageId(), "2026-01-05", List.of())).post("/api/visits").then()
                .statusCode(422).body("errors[0].field", equalTo("representativeId"));
        Team.as(team.second()).body(visit(team.firstId(), town.villageId(), "2026-01-05", List.of())).post("/api/visits").then()
                .statusCode(422).body("errors[0].field", equalTo("representativeId"));
    }

    @Test
    void shouldTellEachRepresentativeTheirVillagesOnceOnTheDayTheyFallDue() {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        long west = town.village("西村");
        contactVillages(town, team.workstationId(), team.firstId(), "代表甲", false, List.of(town.villageId(), west));
        holiday("2031-06-30");
        try {
            // Monday 2031-06-30 is a holiday: nothing that day, the week's visits are announced on Tuesday.
            today("2031-06-30");
            Workers.runOnce(reminders::runOnce);
            assertThat(plans(team.firstId())).isEmpty();
            today("2031-07-01");
            Workers.runOnce(reminders::runOnce);
            Workers.runOnce(reminders::runOnce);
            assertThat(plans(team.firstId())).singleElement().asString()
                    .startsWith("【连心桥】本周走访（6月30日—7月6日，7月1日起）：").contains("东村").contains("西村").contains("走访 村名");
        } finally {
            noHoliday("2031-06-30");
        }
    }

    private List<String> plans(long representativeId) {
        return Database.strings(pool, "SELECT body FROM outbound_message WHERE purpose = 'VISIT_PLAN' AND representative_id = $1",
                representativeId);
    }
}
