package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** 登记 in a real browser: a liaison finds or creates the resident and registers the concern for their workstation. */
@QuarkusTest
class RegisterPageTest {

    @TestHTTPResource("/")
    URL base;

    private ChromeDriver registerPageAs(String username) {
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), username, Team.PASSWORD);
        browser.get(base + "console/register");
        return browser;
    }

    private static void find(ChromeDriver browser, String typed) {
        WebElement q = browser.findElement(By.id("q"));
        q.clear();
        q.sendKeys(typed);
        browser.findElement(By.cssSelector("#resident-search button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#resident-matches .matches")));
    }

    private static void concern(ChromeDriver browser, Fixtures town, String channel, String text) {
        new Select(browser.findElement(By.id("villageId"))).selectByValue(String.valueOf(town.villageId()));
        new Select(browser.findElement(By.id("categoryId"))).selectByValue(String.valueOf(town.categoryId()));
        new Select(browser.findElement(By.id("channel"))).selectByValue(channel);
        browser.findElement(By.id("text")).sendKeys(text);
    }

    /** Submits the form and waits for the registered case; its id, from the link to its page. */
    private static String submitAndRegistered(ChromeDriver browser) {
        browser.findElement(By.cssSelector("#register-form button[type=submit]")).click();
        WebElement link = Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".registered a.case-number")));
        String href = link.getAttribute("href");
        assertThat(href).contains("/console/cases/");
        return href.substring(href.lastIndexOf('/') + 1);
    }

    private static String masked(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    @Test
    void aLiaisonFindsAResidentByPhoneSeesTheNumberMaskedAndRegistersACaseAtTheirWorkstation() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String phone = Api.uniquePhone();
        String resident = town.resident(phone);
        ChromeDriver browser = registerPageAs(team.liaison());

        find(browser, phone);
        WebElement match = browser.findElement(By.cssSelector("label[for='resident-" + resident + "']"));
        assertThat(match.getText()).contains("李大爷", masked(phone), "东村");
        assertThat(browser.getPageSource()).doesNotContain(phone);
        Browser.screenshot(browser, "40-register-found-by-phone");

        match.click();
        // A resident chosen from the list needs no new-resident fields.
        assertThat(browser.findElement(By.id("phone")).isDisplayed()).isFalse();
        concern(browser, town, "PHONE", "来电反映：桥头路灯坏了");
        String caseId = submitAndRegistered(browser);
        String number = browser.findElement(By.cssSelector(".registered a.case-number")).getText();
        assertThat(number).startsWith(town.townCode() + "-");
        assertThat(browser.findElement(By.cssSelector(".registered")).getText()).containsPattern("已自动分派给党代表 (组长|代表甲|代表乙)");
        Browser.screenshot(browser, "41-register-done");

        Team.as(team.liaison()).get("/api/cases/" + caseId).then().statusCode(200)
                .body("number", equalTo(number)).body("residentId", equalTo(resident))
                .body("workstationId", equalTo((int) team.workstationId())).body("channel", equalTo("PHONE"))
                .body("registeredBy", equalTo(team.liaison())).body("text", equalTo("来电反映：桥头路灯坏了"));
    }

    @Test
    void aLiaisonRegistersANewResidentAndTheirConcernInTheSameForm() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String phone = Api.uniquePhone();
        ChromeDriver browser = registerPageAs(team.liaison());

        find(browser, phone);
        assertThat(browser.findElement(By.id("resident-matches")).getText()).contains("没有找到");
        browser.findElement(By.id("name")).sendKeys("张秀兰");
        browser.findElement(By.id("phone")).sendKeys(phone);
        concern(browser, town, "WALK_IN", "来访：村里的水渠堵了");
        String caseId = submitAndRegistered(browser);

        String resident = asOffice().queryParam("phone", phone).get("/api/residents").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].name", equalTo("张秀兰")).body("items[0].phone", equalTo(masked(phone)))
                .body("items[0].villageId", equalTo((int) town.villageId())).extract().path("items[0].id");
        Team.as(team.liaison()).get("/api/cases/" + caseId).then().statusCode(200)
                .body("residentId", equalTo(resident)).body("workstationId", equalTo((int) team.workstationId()))
                .body("channel", equalTo("WALK_IN"));
    }

    @Test
    void aBadPhoneNumberIsShownAtItsFieldAndNothingIsRegistered() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        ChromeDriver browser = registerPageAs(team.liaison());

        browser.findElement(By.id("name")).sendKeys("赵大娘");
        browser.findElement(By.id("phone")).sendKeys("12345");
        concern(browser, town, "WALK_IN", "路面塌了一块");
        WebElement submit = browser.findElement(By.cssSelector("#register-form button[type=submit]"));
        submit.click();
        Browser.waiting(browser).until(ExpectedConditions.stalenessOf(submit));

        assertThat(browser.findElement(By.id("phone-error")).getText()).contains("手机号");
        assertThat(browser.findElement(By.id("phone")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("phone")).getAttribute("aria-describedby")).isEqualTo("phone-error");
        // What was typed is still there, so only the number needs correcting.
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("赵大娘");
        assertThat(browser.findElement(By.id("text")).getAttribute("value")).isEqualTo("路面塌了一块");
        assertThat(browser.findElements(By.cssSelector(".registered"))).isEmpty();
        Browser.screenshot(browser, "42-register-invalid-phone");
        asOffice().queryParam("workstationId", team.workstationId()).get("/api/cases").then().body("total", equalTo(0));
    }

    @Test
    void aLiaisonFindsTheirTownsResidentsByNameAnyoneByTheirExactNumberAndNeverBrowses() {
        Fixtures own = Fixtures.town();
        Fixtures other = Fixtures.town();
        Team team = Team.at(own);
        String surname = "欧阳" + Long.toString(System.nanoTime(), 36);
        String ownPhone = Api.uniquePhone();
        String otherPhone = Api.uniquePhone();
        String ownResident = asOffice().body(Map.of("name", surname + "一", "phone", ownPhone, "villageId", own.villageId()))
                .post("/api/residents").then().statusCode(201).extract().path("id");
        String otherResident = asOffice().body(Map.of("name", surname + "二", "phone", otherPhone, "villageId", other.villageId()))
                .post("/api/residents").then().statusCode(201).extract().path("id");

        List<String> byName = Team.as(team.liaison()).queryParam("name", surname).get("/api/residents").then().statusCode(200)
                .extract().path("items.id");
        assertThat(byName).containsExactly(ownResident);
        Team.as(team.liaison()).queryParam("phone", otherPhone).get("/api/residents").then().statusCode(200)
                .body("items.id", equalTo(List.of(otherResident))).body("items[0].phone", equalTo(masked(otherPhone)));
        Team.as(team.liaison()).get("/api/residents").then().statusCode(422).body("errors[0].field", equalTo("phone"));
        Team.as(team.liaison()).get("/api/residents/" + ownResident).then().statusCode(403);
        Team.as(team.leader()).queryParam("phone", ownPhone).get("/api/residents").then().statusCode(403);

        // A liaison registers residents of their own town, and cases from the villages their workstation covers.
        Team.as(team.liaison()).body(Map.of("name", "外镇人", "phone", Api.uniquePhone(), "villageId", other.villageId()))
                .post("/api/residents").then().statusCode(422).body("errors[0].field", equalTo("villageId"));
        long uncovered = own.village(Api.unique("北村"));
        Team.as(team.liaison()).body(Map.of("residentId", ownResident, "villageId", uncovered, "categoryId", own.categoryId(),
                "channel", "WALK_IN", "text", "北村的路灯")).post("/api/cases").then().statusCode(422)
                .body("errors[0].field", equalTo("villageId"));
    }
}
