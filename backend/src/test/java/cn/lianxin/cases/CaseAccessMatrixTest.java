package cn.lianxin.cases;

import static cn.lianxin.testing.Api.asOffice;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
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

    private void expect(Supplier<RequestSpecification> who, int read, int note) {
        who.get().get("/api/cases/" + caseId).then().statusCode(read);
        who.get().get("/api/cases/" + caseId + "/activity").then().statusCode(read);
        who.get().body(Map.of("text", "进展")).post("/api/cases/" + caseId + "/commands/notes").then().statusCode(note);
    }

    @Test
    void shouldScopeReadsAndWritesByRoleAndWorkstation() {
        // note needs the case to be signed for; the assignee's own 200 is proven in the lifecycle test, here it is
        // the refusal codes that matter: 409 means "allowed to act, wrong step".
        expect(() -> asOffice(), 200, 409);
        expect(() -> Team.as(a.liaison()), 200, 403);
        expect(() -> Team.as(a.leader()), 200, 409);
        expect(() -> Team.as(a.first()), 200, 409);
        expect(() -> Team.as(a.second()), 200, 403);
        expect(() -> Team.as(b.liaison()), 404, 404);
        expect(() -> Team.as(b.leader()), 404, 404);
        expect(() -> Team.as(b.first()), 404, 404);
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
