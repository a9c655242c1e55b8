package cn.lianxin.staff;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A token ends when its holder signs out, is deactivated or changed — on its next request, not hours later. */
@QuarkusTest
class TokenVersionsTest {

    private static io.restassured.specification.RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static Number accountId(Team team, String username) {
        return asOffice().queryParam("workstationId", team.workstationId()).get("/api/staff").then().statusCode(200)
                .extract().path("items.find { it.username == '%s' }.id".formatted(username));
    }

    @Test
    void aDeactivatedAccountsTokenIsRefusedOnItsNextRequest() {
        Team team = Team.at(Fixtures.town());
        String token = Api.login(team.liaison(), Team.PASSWORD);
        bearer(token).get("/api/cases").then().statusCode(200);

        asOffice().post("/api/staff/" + accountId(team, team.liaison()) + "/deactivate").then().statusCode(200).body("active", equalTo(false));

        bearer(token).get("/api/cases").then().statusCode(401);
    }

    @Test
    void logoutEndsTheTokenPresentedAndNoOtherSession() {
        Team team = Team.at(Fixtures.town());
        String token = Api.login(team.first(), Team.PASSWORD);
        String console = Api.login(team.first(), Team.PASSWORD);
        bearer(token).get("/api/cases").then().statusCode(200);

        bearer(token).post("/api/auth/logout").then().statusCode(204);

        bearer(token).get("/api/cases").then().statusCode(401);
        bearer(console).get("/api/cases").then().statusCode(200);
        bearer(token).post("/api/auth/logout").then().statusCode(401);
        bearer(Api.login(team.first(), Team.PASSWORD)).get("/api/cases").then().statusCode(200);
    }

    @Test
    void movingAnAccountToAnotherWorkstationEndsTheTokenThatCarriesTheOldOne() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String token = Api.login(team.liaison(), Team.PASSWORD);
        asOffice().body(Map.of("displayName", "调任联络员", "role", "LIAISON", "workstationId", Team.secondWorkstation(town)))
                .put("/api/staff/" + accountId(team, team.liaison())).then().statusCode(200);

        bearer(token).get("/api/cases").then().statusCode(401);
    }

    @Test
    void theConsolesSignOutEndsTheSessionsToken() {
        Team team = Team.at(Fixtures.town());
        String token = Api.login(team.liaison(), Team.PASSWORD);
        String page = given().cookie("lianxin_session", token).get("/console/").then().statusCode(200).extract().asString();
        Matcher csrf = Pattern.compile("\"X-CSRF-Token\": \"([^\"]+)\"").matcher(page);
        csrf.find();

        given().cookie("lianxin_session", token).header("X-CSRF-Token", csrf.group(1)).post("/console/logout").then().statusCode(200);

        bearer(token).get("/api/cases").then().statusCode(401);
    }

    @Test
    void aResidentsLogoutEndsTheirAccessTokenNotOnlyTheRefreshToken() {
        MiniProgramResident resident = MiniProgramResident.login();
        resident.api().get("/api/mp/me").then().statusCode(200);

        resident.api().body(Map.of("refreshToken", resident.refreshToken())).post("/api/mp/logout").then().statusCode(204);

        resident.api().get("/api/mp/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", resident.refreshToken())).post("/api/mp/session/refresh")
                .then().statusCode(401);
    }
}
