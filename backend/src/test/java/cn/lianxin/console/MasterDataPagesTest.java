package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** 基础数据 in a real browser: lists, forms whose errors land at their fields, and what a save changes in the API. */
@QuarkusTest
class MasterDataPagesTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyTabListsTheTownsRecords() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        ChromeDriver browser = office();

        open(browser, "towns");
        Browser.screenshot(browser, "50-masterdata-towns");
        open(browser, "constituencies?townId=" + town.townId());
        assertThat(row(browser, town.constituencyId()).getText()).contains("第一选区").contains("测试镇" + town.townCode());
        Browser.screenshot(browser, "51-masterdata-constituencies");
        open(browser, "villages?constituencyId=" + town.constituencyId());
        assertThat(row(browser, town.villageId()).getText()).contains("东村").contains("第一选区");
        Browser.screenshot(browser, "52-masterdata-villages");
        open(browser, "representatives?workstationId=" + town.workstationId());
        assertThat(row(browser, team.leaderId()).getText()).contains("组长").contains("中心工作室").contains("综合事务");
        assertThat(browser.findElements(By.cssSelector("table.md-table tbody tr"))).hasSize(3);
        Browser.screenshot(browser, "55-masterdata-representatives");
    }

    @Test
    void aVillageWithoutANameIsRefusedAtTheNameFieldAndNothingIsStored() {
        Fixtures town = Fixtures.town();
        ChromeDriver browser = office();
        open(browser, "villages/new");
        new Select(browser.findElement(By.id("f-constituencyId"))).selectByValue(String.valueOf(town.constituencyId()));
        submit(browser);

        WebElement error = Browser.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("f-name-error")));
        assertThat(error.getText()).isEqualTo("必填");
        assertThat(browser.findElement(By.id("f-name")).getAttribute("aria-invalid")).isEqualTo("true");
        // The form comes back as it was filled in, on the same page.
        assertThat(new Select(browser.findElement(By.id("f-constituencyId"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(String.valueOf(town.constituencyId()));
        assertThat(browser.getCurrentUrl()).endsWith("/console/masterdata/villages/new");
        Browser.screenshot(browser, "53-masterdata-village-refused");

        // A name the town already has is refused at the same field (the database's unique constraint).
        browser.findElement(By.id("f-name")).sendKeys("东村");
        submit(browser);
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.id("f-name-error"), "已有同名或同编码的记录，请换一个"));

        // A constituency that does not exist (a stale page, a forged form) is refused at its select.
        Browser.script(browser, "const s = document.getElementById('f-constituencyId'); s.add(new Option('已删除的选区', '999999999')); s.value = '999999999';");
        WebElement name = browser.findElement(By.id("f-name"));
        name.clear();
        name.sendKeys(Api.unique("北村"));
        submit(browser);
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.id("f-constituencyId-error"), "所选的项不存在或已停用"));

        asOffice().queryParam("constituencyId", town.constituencyId()).get("/api/villages").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].name", equalTo("东村"));
    }

    @Test
    void aWorkstationWithItsFiveHavesAndVillagesIsListedAndServedByTheApi() {
        Fixtures town = Fixtures.town();
        String southName = Api.unique("南村");
        long south = town.village(southName);
        String name = Api.unique("南片工作室");
        String phone = Api.uniquePhone();
        ChromeDriver browser = office();
        open(browser, "workstations/new");
        new Select(browser.findElement(By.id("f-townId"))).selectByValue(String.valueOf(town.townId()));
        type(browser, Map.of("name", name, "place", "南村村委会二楼", "signage", "党代表工作室（南片）", "serviceTheme", "民有所呼、我有所应",
                "liaisonName", "孙联络", "liaisonPhone", phone));
        browser.findElement(By.cssSelector("input[name=villageIds][value='" + town.villageId() + "']")).click();
        browser.findElement(By.cssSelector("input[name=villageIds][value='" + south + "']")).click();
        submit(browser);
        Browser.waiting(browser).until(ExpectedConditions.urlContains("/console/masterdata/workstations?saved=true"));
        assertThat(browser.findElement(By.cssSelector(".md-saved")).getText()).contains("已保存");

        open(browser, "workstations?villageId=" + south);
        List<WebElement> rows = browser.findElements(By.cssSelector("table.md-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(name).contains("南村村委会二楼").contains("党代表工作室（南片）").contains("民有所呼、我有所应")
                .contains("孙联络").contains(phone.substring(7)).doesNotContain(phone).contains("东村").contains(southName);
        Browser.screenshot(browser, "54-masterdata-workstations");

        JsonPath listed = asOffice().queryParam("villageId", south).get("/api/workstations").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("items.name")).containsExactly(name);
        assertThat(listed.getString("items[0].place")).isEqualTo("南村村委会二楼");
        assertThat(listed.getString("items[0].serviceTheme")).isEqualTo("民有所呼、我有所应");
        assertThat(listed.getList("items[0].villageIds", Long.class)).containsExactlyInAnyOrder(town.villageId(), south);
    }

    @Test
    void editingACategoryChangesItsNameAndWorkField() {
        long id = Fixtures.create("/api/categories", Map.of("code", Api.unique("lamps").toLowerCase(), "name", "路灯", "workField",
                "ROADS_AND_INFRASTRUCTURE"));
        String name = Api.unique("就业帮扶");
        ChromeDriver browser = office();
        open(browser, "categories/" + id);
        assertThat(browser.findElement(By.id("f-name")).getAttribute("value")).isEqualTo("路灯");
        WebElement field = browser.findElement(By.id("f-name"));
        field.clear();
        field.sendKeys(name);
        new Select(browser.findElement(By.id("f-workField"))).selectByValue("EMPLOYMENT");
        submit(browser);
        Browser.waiting(browser).until(ExpectedConditions.urlContains("/console/masterdata/categories?saved=true"));

        open(browser, "categories?workField=EMPLOYMENT");
        assertThat(row(browser, id).getText()).contains(name).contains("就业");
        Browser.screenshot(browser, "56-masterdata-categories");
        asOffice().get("/api/categories/" + id).then().statusCode(200).body("name", equalTo(name)).body("workField", equalTo("EMPLOYMENT"));
    }

    @Test
    void aStaffAccountCreatedHereCanSignInToTheConsole() {
        Fixtures town = Fixtures.town();
        String username = Api.unique("liaison").toLowerCase();
        String password = "console-pass-" + Api.unique("pw");
        ChromeDriver browser = office();
        open(browser, "staff/new");
        type(browser, Map.of("username", username, "displayName", "周联络", "password", password));
        new Select(browser.findElement(By.id("f-role"))).selectByValue("LIAISON");
        new Select(browser.findElement(By.id("f-workstationId"))).selectByValue(String.valueOf(town.workstationId()));
        submit(browser);
        Browser.waiting(browser).until(ExpectedConditions.urlContains("/console/masterdata/staff?saved=true"));

        open(browser, "staff?workstationId=" + town.workstationId());
        WebElement listed = browser.findElement(By.xpath("//table[contains(@class,'md-table')]//tr[td[1][text()='" + username + "']]"));
        assertThat(listed.getText()).contains("周联络").contains("联络员").contains("中心工作室");
        assertThat(browser.getPageSource()).doesNotContain("pbkdf2").doesNotContain(password);
        Browser.screenshot(browser, "57-masterdata-staff");

        ChromeDriver again = Browser.fresh();
        Browser.signIn(again, base.toString(), username, password);
        assertThat(again.findElement(By.cssSelector("header.top .who")).getText()).contains(username).contains("联络员");
    }

    @Test
    void aHolidayAddedToTheCalendarIsInTheApisCalendarAndItsDeadlines() {
        // A weekday far ahead, so that no other test's deadline crosses it.
        LocalDate day = LocalDate.of(2200 + ThreadLocalRandom.current().nextInt(700), 5, 12);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        ChromeDriver browser = office();
        open(browser, "calendar/new");
        Browser.script(browser, "document.getElementById('f-date').value = arguments[0]", day.toString());
        new Select(browser.findElement(By.id("f-kind"))).selectByValue("HOLIDAY");
        type(browser, Map.of("name", "镇庆日"));
        submit(browser);
        Browser.waiting(browser).until(ExpectedConditions.urlContains("/console/masterdata/calendar?saved=true"));

        open(browser, "calendar?year=" + day.getYear());
        assertThat(row(browser, day.toString()).getText()).contains("镇庆日").contains("放假");
        Browser.screenshot(browser, "58-masterdata-calendar");

        asOffice().queryParam("year", day.getYear()).get("/api/calendar").then().statusCode(200)
                .body("day", hasItem(day.toString())).body("find { it.day == '" + day + "' }.kind", equalTo("HOLIDAY"));
        // The deadline calendar has it too: the holiday is no working day.
        asOffice().queryParam("from", day.toString()).queryParam("days", 0).get("/api/calendar/working-days").then().statusCode(200)
                .body("due", equalTo(nextWorkingDay(day).toString()));
    }

    @Test
    void aLiaisonIsRefusedTheMasterDataPages() {
        Team team = Team.at(Fixtures.town());
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), team.liaison(), Team.PASSWORD);
        assertThat(browser.findElements(By.cssSelector("header.top nav a[href='/console/masterdata']"))).isEmpty();

        browser.get(base + "console/masterdata/villages");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问");
        assertThat(browser.findElement(By.cssSelector(".status")).getText()).startsWith("403");
        Browser.screenshot(browser, "59-masterdata-refused");
    }

    private ChromeDriver office() {
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        return browser;
    }

    private void open(ChromeDriver browser, String path) {
        browser.get(base + "console/masterdata/" + path);
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav.md-tabs")));
    }

    private static WebElement row(ChromeDriver browser, Object key) {
        return browser.findElement(By.cssSelector("table.md-table tr[data-key='" + key + "']"));
    }

    private static void type(ChromeDriver browser, Map<String, String> fields) {
        fields.forEach((name, value) -> browser.findElement(By.id("f-" + name)).sendKeys(value));
    }

    private static void submit(ChromeDriver browser) {
        browser.findElement(By.cssSelector("#md-form button[type=submit]")).click();
    }

    private static LocalDate nextWorkingDay(LocalDate holiday) {
        LocalDate next = holiday.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }
}
