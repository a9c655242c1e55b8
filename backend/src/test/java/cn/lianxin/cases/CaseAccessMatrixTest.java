package cn.lianxin.cases;

import static cn.lianxin.testing.Api.asOffice;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every role against every kind of case endpoint: a case of workstation A, assigned to A's first
 * representative. Other workstations do not see it (404); those who see it but may not act get 403.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseAccessMatrixTest {

    private Team a;
    private Team b;
    private String caseId;

    // Built once for the class, but in @BeforeEach: REST Assured knows the random test port only from then on.
    @BeforeEach
    void twoWorkstationsAndACaseAtTheFirst() {
        if (caseId != null) {
            return;
        }
        Fixtures town = Fixtures.town();
        a = Team.at(town);
        b = Team.at(town, Team.secondWorkstation(town));
        caseId = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "PHONE", "text", "灌溉渠堵了")).post("/api/cases").then().statusCode(201).extract().path("id");
        Team.as(a.liaison()).body(Map.of("representativeId", a.firstId())).post("/api/cases/" + caseId + "/commands/assign").then()
                .statusCode(200);
    }

    /**
     * Who, in the order of the columns below: town office; workstation A's liaison, group leader, the assignee and
     * another representative; workstation B's liaison and representative.
     */
    private List<Supplier<RequestSpecification>> callers() {
        return List.of(() -> asOffice(), () -> Team.as(a.liaison()), () -> Team.as(a.leader()), () -> Team.as(a.first()),
                () -> Team.as(a.second()), () -> Team.as(b.liaison()), () -> Team.as(b.first()));
    }

    /**
     * Each row: an endpoint on the case (in 登记, assigned to A's first representative) and the status each caller
     * gets. 404: cannot see it. 403: sees it, may not do this. 409: may do this, not in this step. Commands
     * that the step accepts are left to the lifecycle tests, so that this table never changes the case.
     */
    private static final List<Object[]> MATRIX = List.of(
            row("GET", "", 200, 200, 200, 200, 200, 404, 404),
            row("GET", "/activity", 200, 200, 200, 200, 200, 404, 404),
            row("GET", "/photos", 200, 200, 200, 200, 200, 404, 404),
            row("POST", "/commands/handling", 409, 403, 403, 409, 403, 404, 404),
            row("POST", "/commands/notes", 409, 403, 409, 409, 403, 404, 404),
            row("POST", "/commands/escalate", 409, 403, 403, 409, 403, 404, 404),
            row("POST", "/commands/instruction", 409, 403, 409, 403, 403, 404, 404),
            row("POST", "/commands/reply", 409, 403, 403, 409, 403, 404, 404),
            row("POST", "/commands/feedback", 409, 409, 409, 403, 403, 404, 404),
            row("POST", "/commands/reopen", 409, 409, 409, 403, 403, 404, 404),
            row("POST", "/commands/revisit", 409, 409, 409, 409, 403, 404, 404),
            row("POST", "/commands/archive", 409, 409, 403, 403, 403, 404, 404));

    private static Object[] row(String method, String path, int... statuses) {
        return new Object[] {method, path, statuses};
    }

    private static final Map<String, Object> ANY_BODY = Map.of("text", "x", "handlingClass", "ON_THE_SPOT", "feedback", "SATISFIED",
            "outcome", "CARRIED_OUT");

    @Test
    void shouldAnswerEachRoleOnEachCaseEndpointAsTheMatrixSays() {
        List<Supplier<RequestSpecification>> callers = callers();
        for (Object[] row : MATRIX) {
            int[] expected = (int[]) row[2];
            for (int i = 0; i < callers.size(); i++) {
                RequestSpecification request = callers.get(i).get();
                String url = "/api/cases/" + caseId + row[1];
                int actual = "GET".equals(row[0]) ? request.get(url).statusCode() : request.body(ANY_BODY).post(url).statusCode();
                org.assertj.core.api.Assertions.assertThat(actual).as("%s %s as caller #%d", row[0], row[1], i).isEqualTo(expected[i]);
            }
        }
        asOffice().get("/api/cases/" + caseId).then().body("state", equalTo("REGISTERED"));
    }

    @Test
    void shouldKeepStaffFiguresAndTheMessageLogToThoseWhoMayReadThem() {
        List<Supplier<RequestSpecification>> callers = callers();
        int[] staff = {200, 403, 403, 403, 403, 403, 403};
        int[] messages = {200, 403, 403, 403, 403, 403, 403};
        int[] figuresOfA = {200, 200, 200, 403, 403, 403, 403};
        for (int i = 0; i < callers.size(); i++) {
            org.assertj.core.api.Assertions.assertThat(callers.get(i).get().get("/api/staff").statusCode()).as("staff #%d", i).isEqualTo(staff[i]);
            for (String log : List.of("/api/messages", "/api/sandbox/messages")) {
                org.assertj.core.api.Assertions.assertThat(callers.get(i).get().get(log).statusCode()).as("%s #%d", log, i)
                        .isEqualTo(messages[i]);
            }
            org.assertj.core.api.Assertions.assertThat(callers.get(i).get().queryParam("from", "2026-11-01").queryParam("to", "2026-11-30")
                    .queryParam("by", "representative").queryParam("workstationId", a.workstationId()).get("/api/stats/rates").statusCode())
                    .as("figures #%d", i).isEqualTo(figuresOfA[i]);
        }
    }

    @Test
    void shouldListOnlyWhatTheCallerMaySee() {
        Team.as(a.second()).get("/api/cases").then().statusCode(200).body("items.id", hasItem(caseId));
        Team.as(b.first()).get("/api/cases").then().statusCode(200).body("items.id", not(hasItem(caseId)));
        Team.as(b.liaison()).queryParam("number", "x").get("/api/cases").then().body("total", equalTo(0));
    }

    @Test
    void shouldLetOnlyTheAssigneeSignFor() {
        Team.as(a.second()).post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(403);
        Team.as(a.liaison()).post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(403);
        Team.as(b.first()).post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(404);
    }

    @Test
    void shouldKeepALiaisonsAssignmentsWithinTheirWorkstation() {
        Team.as(a.liaison()).body(Map.of("representativeId", b.firstId())).post("/api/cases/" + caseId + "/commands/assign").then()
                .statusCode(422).body("errors[0].field", equalTo("representativeId"));
    }

    @Test
    void shouldKeepMasterDataChangesToTheTownOffice() {
        Team.as(a.leader()).body(Map.of("name", "x")).post("/api/villages").then().statusCode(403);
        Team.as(a.first()).get("/api/staff").then().statusCode(403);
    }
}
