package cn.lianxin.staff;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaffLoginTest {

    @Inject
    Pool pool;

    private static io.restassured.response.ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login").then();
    }

    @Test
    void shouldIssueATokenThatCarriesTheRole() {
        login("office", Api.OFFICE_PASSWORD).statusCode(200).body("token", notNullValue()).body("role", equalTo("TOWN_OFFICE"));
    }

    @Test
    void shouldAnswerUnknownUsersAndWrongPasswordsAlike() {
        String unknown = login("nobody-here", "whatever-password").statusCode(401).extract().path("detail");
        String wrong = login("office", "wrong-password").statusCode(401).extract().path("detail");
        assertThat(unknown).isEqualTo(wrong);
    }

    @Test
    void shouldLockAnAccountAfterRepeatedFailuresEvenForTheRightPassword() {
        Team team = Team.at(Fixtures.town());
        for (int i = 0; i < 5; i++) {
            login(team.second(), "not-the-password").statusCode(401);
        }
        login(team.second(), Team.PASSWORD).statusCode(401);
        assertThat(Database.count(pool, "SELECT count(*) FROM staff_account WHERE username = $1 AND locked_until > now()",
                team.second())).isEqualTo(1);
    }

    @Test
    void shouldStoreOnlyAPasswordHash() {
        Team team = Team.at(Fixtures.town());
        String stored = pool.preparedQuery("SELECT password_hash FROM staff_account WHERE username = $1").execute(Tuple.of(team.first()))
                .await().indefinitely().iterator().next().getString(0);
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(Team.PASSWORD);
    }

    @Test
    void shouldRequireARepresentativeForRepresentativeAccounts() {
        Fixtures town = Fixtures.town();
        asOffice().body(Map.of("username", Api.unique("rep").toLowerCase(), "displayName", "某代表", "password", "long-enough-password",
                "role", "REPRESENTATIVE", "workstationId", town.workstationId())).post("/api/staff").then().statusCode(422)
                .body("errors[0].field", equalTo("representativeId"));
    }

    @Test
    void shouldMoveAnAccountAndReplaceItsPasswordOnlyWhenANewOneIsGiven() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        long elsewhere = Team.secondWorkstation(town);
        Number id = asOffice().queryParam("workstationId", town.workstationId()).queryParam("role", "LIAISON").get("/api/staff").then()
                .statusCode(200).extract().path("items.find { it.username == '%s' }.id".formatted(team.liaison()));
        asOffice().body(Map.of("displayName", "调任联络员", "role", "LIAISON", "workstationId", elsewhere)).put("/api/staff/" + id)
                .then().statusCode(200).body("workstationId", equalTo((int) elsewhere)).body("displayName", equalTo("调任联络员"))
                .body("username", equalTo(team.liaison()));
        login(team.liaison(), Team.PASSWORD).statusCode(200);

        asOffice().body(Map.of("displayName", "调任联络员", "role", "LIAISON", "workstationId", elsewhere, "password", "a-new-password-42"))
                .put("/api/staff/" + id).then().statusCode(200);
        login(team.liaison(), "a-new-password-42").statusCode(200);
        login(team.liaison(), Team.PASSWORD).statusCode(401);
    }

    @Test
    void shouldKeepStaffManagementToTheTownOffice() {
        Team team = Team.at(Fixtures.town());
        Team.as(team.liaison()).get("/api/staff").then().statusCode(403);
        Team.as(team.liaison()).body(Map.of("code", "x", "name", "y", "workField", "GENERAL")).post("/api/categories").then().statusCode(403);
    }
}
