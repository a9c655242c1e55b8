package cn.lianxin.channels.miniprogram;

import static cn.lianxin.testing.Api.asOffice;
import static cn.lianxin.testing.MiniProgramResident.login;
import static cn.lianxin.testing.MiniProgramResident.submit;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramPushes;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.Workers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A resident's photo through WeChat's content check (media_check_async v2, against the fake), the verdict pushed back
 * signed and encrypted, a risky photo hidden from staff, and the town office releasing it on the case page.
 */
@QuarkusTest
class PhotoContentCheckTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 7, 7};

    ProviderFakes providers;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Inject
    MediaChecks checks;

    @Inject
    PushProcessor pushes;

    @Test
    void aRiskyPhotoIsHiddenFromStaffUntilTheOfficeReleasesIt() throws Exception {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        String photo = given().auth().oauth2(r.token()).multiPart("file", "road.png", PNG, "image/png").post("/api/mp/uploads")
                .then().statusCode(201).extract().path("id");
        Workers.runOnce(checks::runOnce);

        // WeChat was asked to check the photo for this resident, at a URL that serves exactly its bytes, once.
        var asked = providers.wechat.findAll(postRequestedFor(urlPathEqualTo("/wxa/media_check_async"))
                .withRequestBody(matchingJsonPath("$.openid", WireMock.equalTo(r.openid()))));
        assertThat(asked).hasSize(1);
        JsonNode request = new ObjectMapper().readTree(asked.get(0).getBodyAsString());
        assertThat(request.get("media_type").asInt()).isEqualTo(2);
        assertThat(request.get("version").asInt()).isEqualTo(2);
        URI mediaUrl = URI.create(request.get("media_url").asText());
        assertThat(mediaUrl.getHost()).isEqualTo("lianxin.test");
        assertThat(given().get(mediaUrl.getPath()).then().statusCode(200).extract().asByteArray()).isEqualTo(PNG);
        given().get(mediaUrl.getPath() + "x").then().statusCode(404);
        String trace = Database.strings(pool, "SELECT media_trace_id FROM upload WHERE id = $1::uuid", photo).get(0);
        assertThat(providers.wechat.getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().startsWith("/wxa/media_check_async"))
                .extracting(e -> e.getResponse().getBodyAsString()).anyMatch(b -> b.contains("\"trace_id\":\"" + trace + "\""));

        String caseId = submit(r, town, "k", "村口水塘边的护栏断了", List.of(photo), 201);
        asOffice().get("/api/cases/" + caseId + "/photos").then().statusCode(200).body("", hasSize(1));

        MiniProgramPushes.push(r.openid(), MiniProgramPushes.mediaCheck(r.openid(), trace, "risky", "20002")).post().statusCode(200);
        Workers.runOnce(pushes::runOnce);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> asOffice().get("/api/cases/" + caseId + "/photos").then()
                .statusCode(200).body("", empty()));
        asOffice().get("/api/cases/" + caseId + "/photos/hidden").then().statusCode(200)
                .body("id", equalTo(List.of(photo))).body("suggest", equalTo(List.of("risky"))).body("label", equalTo(List.of("20002")));
        // The resident still sees their own photo.
        given().auth().oauth2(r.token()).get("/api/mp/uploads/" + photo).then().statusCode(200);

        // The office keeps it hidden once, then looks again on the case page and releases it.
        asOffice().post("/api/cases/" + caseId + "/photos/" + photo + "/keep-hidden").then().statusCode(200);
        asOffice().get("/api/cases/" + caseId + "/photos").then().body("", empty());
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/cases/" + caseId);
        assertThat(browser.findElement(By.id("hidden-photo-" + photo)).getText()).contains("20002").contains("office");
        Browser.screenshot(browser, "30-case-hidden-photo");
        browser.findElement(By.cssSelector("#hidden-photo-" + photo + " button.release")).click();
        Browser.waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id("hidden-photo-" + photo)));
        assertThat(browser.findElements(By.cssSelector(".photos img[alt^='居民上传的照片']"))).hasSize(1);
        Browser.screenshot(browser, "31-case-photo-released");

        asOffice().get("/api/cases/" + caseId + "/photos").then().body("id", equalTo(List.of(photo)));
        asOffice().get("/api/cases/" + caseId + "/photos/hidden").then().body("", empty());
        assertThat(Database.strings(pool, "SELECT reviewed_by FROM upload WHERE id = $1::uuid", photo)).containsExactly("office");
    }

    @Test
    void aPhotoThatPassesStaysVisibleAndAnUnknownTraceIsNotLost() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        String photo = given().auth().oauth2(r.token()).multiPart("file", "road.png", PNG, "image/png").post("/api/mp/uploads")
                .then().statusCode(201).extract().path("id");
        Workers.runOnce(checks::runOnce);
        String trace = Database.strings(pool, "SELECT media_trace_id FROM upload WHERE id = $1::uuid", photo).get(0);
        String caseId = submit(r, town, "k", "路灯不亮", List.of(photo), 201);

        MiniProgramPushes.push(r.openid(), MiniProgramPushes.mediaCheck(r.openid(), trace, "pass", "100")).post().statusCode(200);
        MiniProgramPushes.push(r.openid(), MiniProgramPushes.mediaCheck(r.openid(), "00000000-00000000-" + System.nanoTime(), "risky", "20002"))
                .post().statusCode(200);
        Workers.runOnce(pushes::runOnce);

        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(pool,
                "SELECT count(*) FROM upload WHERE id = $1::uuid AND media_suggest = 'pass'", photo) == 1);
        asOffice().get("/api/cases/" + caseId + "/photos").then().body("id", equalTo(List.of(photo)));
        // A verdict for a photo we do not know (yet) is kept and tried again, not dropped.
        assertThat(Database.strings(pool, "SELECT last_error FROM mp_inbound WHERE payload LIKE $1 AND payload LIKE '%risky%'",
                "%" + r.openid() + "%")).singleElement().asString().contains("no photo with WeChat trace_id");
    }
}
