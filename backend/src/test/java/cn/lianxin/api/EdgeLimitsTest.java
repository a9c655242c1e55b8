package cn.lianxin.api;

import static cn.lianxin.testing.Api.asOffice;
import static cn.lianxin.testing.MiniProgramResident.login;
import static cn.lianxin.testing.MiniProgramResident.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One input must not stop the rest: every text has a size limit at the edge, and NUL never reaches PostgreSQL. */
@QuarkusTest
class EdgeLimitsTest {

    @Test
    void shouldRefuseATwoMegabyteRatingCommentNamingTheField() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        String id = submit(r, town, "comment-limit", "路灯坏了", List.of(), 201);
        replied(id);

        r.api().body(Map.of("rating", "SATISFIED", "comment", "好".repeat(2 * 1024 * 1024))).post("/api/mp/cases/" + id + "/feedback")
                .then().statusCode(422).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("comment"));
        r.api().body(Map.of("reason", "没".repeat(501))).post("/api/mp/cases/" + id + "/reopen")
                .then().statusCode(422).body("errors[0].field", equalTo("reason"));
        // Nothing was recorded: the case still waits for its rating.
        r.api().get("/api/mp/cases/" + id).then().statusCode(200).body("state", equalTo("REPLIED")).body("canRate", equalTo(true));
        r.api().body(Map.of("rating", "SATISFIED", "comment", "很好")).post("/api/mp/cases/" + id + "/feedback").then().statusCode(200);
    }

    @Test
    void shouldRefuseNulInAnyTextNamingTheFieldInsteadOfFailingInTheDatabase() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        r.api().header("Idempotency-Key", Api.unique("nul")).body(Map.of("text", "水管\u0000破了", "categoryId", town.categoryId()))
                .post("/api/mp/cases").then().statusCode(422).body("errors[0].field", equalTo("text"))
                .body("errors[0].message", containsString("NUL"));
        r.api().body(Map.of("results", Map.of("tmpl-reply", "acc\u0000ept"))).post("/api/mp/subscriptions")
                .then().statusCode(422).body("errors[0].field", containsString("results"));
        asOffice().body(Map.of("name", "王\u0000大妈", "phone", Api.uniquePhone(), "villageId", town.villageId())).post("/api/residents")
                .then().statusCode(422).body("errors[0].field", equalTo("name"));
        asOffice().queryParam("number", "LX\u0000").get("/api/cases").then().statusCode(422).body("errors[0].field", equalTo("number"));
        // Bytes that are not UTF-8 in a value are that field's error (docs/DECISIONS.md, "Reliability"), not a failure on our side.
        given().contentType(ContentType.JSON).body("{\"code\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1)).post("/api/mp/login")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("code"));
    }

    @Test
    void shouldLimitTheSizeOfEveryMiniProgramText() {
        String huge = "x".repeat(10_000);
        given().contentType(ContentType.JSON).body(Map.of("code", huge)).post("/api/mp/login").then().statusCode(422)
                .body("errors[0].field", equalTo("code"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", huge)).post("/api/mp/session/refresh").then().statusCode(422)
                .body("errors[0].field", equalTo("refreshToken"));
        login().api().body(Map.of("code", huge)).post("/api/mp/phone").then().statusCode(422).body("errors[0].field", equalTo("code"));
        given().contentType(ContentType.JSON).body(Map.of("username", huge, "password", huge)).post("/api/auth/login").then().statusCode(422);
        asOffice().queryParam("phone", "1".repeat(40)).get("/api/residents").then().statusCode(422).body("errors[0].field", equalTo("phone"));
    }

    private static void replied(String caseId) {
        asOffice().post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(200);
        asOffice().body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + caseId + "/commands/handling").then().statusCode(200);
        asOffice().body(Map.of("text", "已修好")).post("/api/cases/" + caseId + "/commands/reply").then().statusCode(200);
    }
}
