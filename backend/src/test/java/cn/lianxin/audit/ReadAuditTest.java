package cn.lianxin.audit;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Staff reads of cases and residents are recorded, the record cannot be changed, and the town office searches it. */
@QuarkusTest
class ReadAuditTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    private static List<Map<String, Object>> entries(String parameter, String value) {
        return asOffice().queryParam(parameter, value).queryParam("size", 200).get("/api/audit").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Test
    void aStaffReadOfACaseItsRecordItsResidentAndTheListAppearInTheAuditLog() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String resident = town.resident();
        String caseId = town.walkInCase(resident, "村口的路灯坏了三个月了");
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");

        Team.as(team.liaison()).get("/api/cases/" + caseId).then().statusCode(200);
        Team.as(team.liaison()).get("/api/cases/" + caseId + "/activity").then().statusCode(200);
        Team.as(team.liaison()).get("/api/cases/" + caseId + "/resident-history").then().statusCode(200);
        Team.as(team.liaison()).queryParam("residentId", resident).get("/api/cases").then().statusCode(200);

        JsonPath log = asOffice().queryParam("caseId", caseId).queryParam("actor", team.liaison()).get("/api/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(log.getList("items.action", String.class))
                .containsExactlyInAnyOrder("CASE_LIST", "RESIDENT_HISTORY", "CASE_RECORD", "CASE_READ");
        assertThat(log.getList("items.target", String.class)).containsOnly("case " + number);
        assertThat(log.getList("items.via", String.class)).contains("GET /api/cases/" + caseId, "GET /api/cases/" + caseId + "/activity",
                "GET /api/cases");
        assertThat(log.getList("items.at")).doesNotContainNull();
        // The resident's own view: every read that concerned them, their history among them.
        assertThat(entries("residentId", resident)).extracting(e -> e.get("action")).contains("RESIDENT_HISTORY", "CASE_READ");
    }

    @Test
    void theConsolesCasePageAndExportAreRecordedAsThePagesTheyAre() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String caseId = town.walkInCase(town.resident(), "桥面有裂缝");
        String token = Api.login(team.liaison(), Team.PASSWORD);

        given().cookie("lianxin_session", token).get("/console/cases/" + caseId).then().statusCode(200);
        given().cookie("lianxin_session", token).queryParam("workstationId", team.workstationId()).get("/console/cases/export.csv")
                .then().statusCode(200);

        assertThat(entries("caseId", caseId)).filteredOn(e -> team.liaison().equals(e.get("actor"))).extracting(e -> e.get("action") + " " + e.get("via"))
                .contains("CASE_READ GET /console/cases/" + caseId, "CASE_EXPORT GET /console/cases/export.csv");
    }

    @Test
    void theMessageLogReadByTheOfficeIsRecordedForEachResidentMessagedOnThePage() {
        Fixtures town = Fixtures.town();
        String resident = town.resident();
        String caseId = town.walkInCase(resident, "水渠堵了");
        await().atMost(Duration.ofSeconds(30)).until(() -> asOffice().queryParam("caseId", caseId).get("/api/messages").then()
                .statusCode(200).extract().<Integer>path("total") > 0);
        String token = Api.login("office", Api.OFFICE_PASSWORD);
        given().cookie("lianxin_session", token).queryParam("case", caseId).get("/console/messages").then().statusCode(200);

        assertThat(entries("residentId", resident)).filteredOn(e -> "MESSAGE_LOG".equals(e.get("action")))
                .extracting(e -> String.valueOf(e.get("via")).replaceAll("\\?.*", ""))
                .contains("GET /api/messages", "GET /console/messages");
    }

    @Test
    void aResidentSearchIsRecordedForEachResidentFound() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String phone = Api.uniquePhone();
        String resident = town.resident(phone);

        Team.as(team.liaison()).queryParam("phone", phone).get("/api/residents").then().statusCode(200).body("total", equalTo(1));

        assertThat(entries("residentId", resident)).extracting(e -> e.get("actor") + " " + e.get("action"))
                .contains(team.liaison() + " RESIDENT_SEARCH");
    }

    @Test
    void theNumberIsMaskedEverywhereButToWhoCallsTheResidentAndReadingItInClearIsRecorded() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String phone = Api.uniquePhone();
        String caseId = town.walkInCase(town.resident(phone), "路灯坏了");
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + caseId + "/commands/assign")
                .then().statusCode(200);
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        String token = Api.login(team.liaison(), Team.PASSWORD);

        String page = given().cookie("lianxin_session", token).get("/console/cases/" + caseId).then().statusCode(200).extract().asString();
        String csv = given().cookie("lianxin_session", token).queryParam("workstationId", team.workstationId())
                .get("/console/cases/export.csv").then().statusCode(200).extract().asString();
        Team.as(team.liaison()).get("/api/cases/" + caseId + "/resident-history").then().body("phone", equalTo(masked));
        assertThat(page).contains(masked, "显示完整号码").doesNotContain(phone);
        assertThat(csv).doesNotContain(phone);
        assertThat(entries("caseId", caseId)).extracting(e -> e.get("action")).doesNotContain("PHONE_IN_CLEAR");

        Team.as(team.first()).get("/api/cases/" + caseId + "/resident-phone").then().statusCode(200).body("phone", equalTo(phone));
        assertThat(given().cookie("lianxin_session", token).get("/console/cases/" + caseId + "/resident-phone").then().statusCode(200)
                .extract().asString()).contains(phone);
        Team.as(team.second()).get("/api/cases/" + caseId + "/resident-phone").then().statusCode(403);

        assertThat(entries("caseId", caseId)).filteredOn(e -> "PHONE_IN_CLEAR".equals(e.get("action")))
                .extracting(e -> e.get("actor") + " " + e.get("via"))
                .containsExactlyInAnyOrder(team.first() + " GET /api/cases/" + caseId + "/resident-phone",
                        team.liaison() + " GET /console/cases/" + caseId + "/resident-phone");
    }

    @Test
    void theAuditLogIsTheTownOfficesAndCannotBeChangedOrEmptied() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        asOffice().get("/api/cases/" + town.walkInCase(town.resident(), "路灯坏了")).then().statusCode(200);

        Team.as(team.liaison()).get("/api/audit").then().statusCode(403);
        assertThatThrownBy(() -> Database.update(pool, "UPDATE read_audit SET actor = 'someone-else'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> Database.update(pool, "DELETE FROM read_audit")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> Database.update(pool, "TRUNCATE read_audit")).hasMessageContaining("append-only");
        assertThat(Database.count(pool, "SELECT count(*) FROM read_audit WHERE actor = 'someone-else'")).isZero();
    }

    @Test
    void theOfficeSearchesTheLogInTheConsole() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String caseId = town.walkInCase(town.resident(), "水渠堵了");
        Team.as(team.liaison()).get("/api/cases/" + caseId).then().statusCode(200);

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.findElement(By.linkText("查阅记录")).click();
        browser.findElement(By.id("caseId")).sendKeys(caseId);
        browser.findElement(By.id("actor")).sendKeys(team.liaison());
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        Browser.waiting(browser).until(d -> d.getCurrentUrl().contains("caseId="));

        List<WebElement> rows = browser.findElements(By.cssSelector("table.audit tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(team.liaison(), "联络员", "诉求详情", "GET /api/cases/" + caseId);
        assertThat(browser.findElement(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("查阅记录");
        Browser.screenshot(browser, "console-audit");
    }
}
