package cn.lianxin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/**
 * A resident signed in through the mini-program against the WeChat fake (which answers any code with openid
 * {@code o-<code>}): their openid, session and id, and how they submit a case.
 */
public record MiniProgramResident(String openid, String token, String refreshToken, String id) {

    public RequestSpecification api() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A new resident, signed in with a fresh code; the session never carries WeChat's session_key. */
    public static MiniProgramResident login() {
        String code = Api.unique("code");
        ExtractableResponse<Response> session = given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/mp/login")
                .then().statusCode(200).body("resident.phoneBound", equalTo(false)).extract();
        assertThat(session.asString()).doesNotContain("session_key");
        return new MiniProgramResident("o-" + code, session.path("token"), session.path("refreshToken"), session.path("resident.id"));
    }

    /** Submits a case in the town's village and category; the answer's case id. */
    public static String submit(MiniProgramResident r, Fixtures town, String key, String text, List<String> photos, int status) {
        return r.api().header("Idempotency-Key", key)
                .body(Map.of("text", text, "categoryId", town.categoryId(), "villageId", town.villageId(), "photoIds", photos, "anonymous", false))
                .post("/api/mp/cases").then().statusCode(status).extract().path("id");
    }
}
