package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** 督办 in a real browser: an overdue case under its workstation and representative, with the clock that is open. */
@QuarkusTest
class ConsoleOverdueTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @Test
    void theBoardShowsAnOverdueCaseUnderItsWorkstationAndRepresentativeWithItsOpenClock() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String caseId = town.walkInCase(town.resident(), "村口的路灯坏了三个月了");
        Team.as(team.liaison()).body(Map.of("representativeId", team.secondId())).post("/api/cases/" + caseId + "/commands/assign")
                .then().statusCode(200);
        JsonPath assigned = asOffice().get("/api/cases/" + caseId).then().statusCode(200).extract().jsonPath();
        String number = assigned.getString("number");
        OffsetDateTime signForDue = OffsetDateTime.parse(assigned.getString("signForDueAt"));
        String workstation = asOffice().get("/api/workstations/" + team.workstationId()).then().extract().path("name");

        // Nobody signed for it: three days and two hours after the sign-for deadline.
        clock.set(signForDue.plus(Duration.ofDays(3).plusHours(2)).toInstant());
        try {
            JsonPath overdue = asOffice().queryParam("workstationId", team.workstationId()).queryParam("size", 200)
                    .get("/api/stats/overdue").then().statusCode(200).extract().jsonPath();
            int workingDays = overdue.getInt("items.find { it.caseId == '" + caseId + "' }.overdueWorkingDays");

            ChromeDriver browser = Browser.fresh();
            Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
            browser.get(base + "console/overdue?workstationId=" + team.workstationId());
            WebElement group = browser.findElement(By.cssSelector(".overdue-workstation"));
            assertThat(group.findElement(By.tagName("h2")).getText()).startsWith(workstation);
            WebElement representative = group.findElement(By.cssSelector(".overdue-representative"));
            assertThat(representative.findElement(By.tagName("h3")).getText()).startsWith("代表乙");
            WebElement row = representative.findElement(By.cssSelector("tr[data-case='" + caseId + "']"));
            assertThat(row.findElement(By.cssSelector("th a")).getText()).isEqualTo(number);
            assertThat(row.findElement(By.cssSelector("th a")).getAttribute("href")).endsWith("/console/cases/" + caseId);
            assertThat(row.findElement(By.cssSelector(".open-clock")).getText()).isEqualTo("签收期限");
            assertThat(row.findElement(By.cssSelector(".overdue-by")).getText()).isEqualTo("3天2小时");
            assertThat(row.findElement(By.cssSelector(".working-days")).getText()).isEqualTo(workingDays + " 个工作日");
            String due = signForDue.atZoneSameInstant(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm"));
            assertThat(row.getText()).contains(due);
            Browser.screenshot(browser, "33-overdue-board");

            // A liaison reads their own workstation's board, and no other's.
            browser = Browser.fresh();
            Browser.signIn(browser, base.toString(), team.liaison(), Team.PASSWORD);
            browser.get(base + "console/overdue");
            assertThat(browser.findElements(By.cssSelector("tr[data-case='" + caseId + "']"))).hasSize(1);
            assertThat(browser.findElements(By.id("workstationId"))).isEmpty();
            Browser.screenshot(browser, "34-overdue-liaison");
            browser.get(base + "console/overdue?workstationId=" + Team.secondWorkstation(town));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问");
        } finally {
            clock.reset();
        }
    }
}
