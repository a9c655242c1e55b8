package cn.lianxin.staff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import cn.lianxin.api.Problem;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The sign-in limits per client address and per username, asked before any password is hashed. */
@QuarkusTest
class LoginLimitsTest {

    @ConfigProperty(name = "lianxin.staff.login-limit.per-address")
    int perAddress;
    @ConfigProperty(name = "lianxin.staff.login-limit.per-account")
    int perAccount;

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static ValidatableResponse login(String from, String username, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", from)
                .body(Map.of("username", username, "password", password)).post("/api/auth/login").then();
    }

    @Test
    void shouldRefuseAnAddressOverItsLimitWhileOthersSignInAsBefore() {
        String flooder = address();
        for (int i = 0; i < perAddress; i++) {
            login(flooder, Api.unique("nobody"), "some-guess").statusCode(401);
        }
        Team team = Team.at(Fixtures.town());

        login(flooder, Api.unique("nobody"), "some-guess").statusCode(429).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", notNullValue()).body("status", equalTo(429));
        login(flooder, team.first(), Team.PASSWORD).statusCode(429);
        login(address(), Api.unique("nobody"), "some-guess").statusCode(401);
        login(address(), team.first(), Team.PASSWORD).statusCode(200);
    }

    @Test
    void shouldRefuseAUsernameOverItsLimitFromAnyAddressKnownOrNot() {
        String unknown = Api.unique("nobody");
        String known = Team.at(Fixtures.town()).second();
        for (int i = 0; i < perAccount; i++) {
            login(address(), unknown, "some-guess").statusCode(401);
            login(address(), known, "some-guess").statusCode(401);
        }

        login(address(), unknown, "some-guess").statusCode(429).header("Retry-After", notNullValue());
        login(address(), known, "some-guess").statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void shouldNotCountSuccessfulSignInsAgainstTheAddress() {
        String office = address();
        Team team = Team.at(Fixtures.town());
        for (int i = 0; i < perAddress + 1; i++) {
            login(office, team.first(), Team.PASSWORD).statusCode(200);
        }
        login(office, Api.unique("nobody"), "some-guess").statusCode(401);
    }
}
