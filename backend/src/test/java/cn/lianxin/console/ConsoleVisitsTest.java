package cn.lianxin.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** 走访 in a real browser: village coverage with the late ones first, the visits recorded, for the office and a liaison. */
@QuarkusTest
class ConsoleVisitsTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** What the coverage chart draws: its bars' labels and values. */
    private static final String COVERAGE_CHART = """
            const option = echarts.getInstanceByDom(document.querySelector('[data-chart="visit-coverage"]')).getOption();
            return {labels: option.xAxis[0].data, drawn: option.series[0].data};""";

    @Test
    void theOfficeSeesEachVillagesCoverageTheLateOnesAndTheVisitsAndALiaisonOnlyTheirOwn() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        long west = town.village("西村");
        Api.asOffice().body(Map.of("name", "代表甲", "workstationId", team.workstationId(), "constituencyId", town.constituencyId(),
                "workFields", List.of("GENERAL"), "specialties", List.of(), "contactVillageIds", List.of(town.villageId(), west),
                "groupLeader", false)).put("/api/representatives/" + team.firstId()).then().statusCode(200);
        clock.set(OffsetDateTime.parse("2031-06-18T10:00:00+08:00").toInstant());
        Team.as(team.first()).body(Map.of("villageId", town.villageId(), "visitedAt", "2031-06-16", "metWith", "村支书",
                "summary", "了解春耕", "issues", List.of(Map.of("text", "桥栏杆断了", "categoryId", town.categoryId())))).post("/api/visits")
                .then().statusCode(201);
        // The week is over: 西村 was never visited.
        clock.set(OffsetDateTime.parse("2031-06-23T10:00:00+08:00").toInstant());

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/visits?from=2031-06-16&to=2031-06-22");
        assertThat(browser.findElement(By.cssSelector("nav a[aria-current='page']")).getText()).isEqualTo("走访");
        WebElement east = browser.findElement(By.cssSelector("tr[data-village='" + town.villageId() + "']"));
        WebElement westRow = browser.findElement(By.cssSelector("tr[data-village='" + west + "']"));
        assertThat(east.findElement(By.cssSelector(".status")).getText()).isEqualTo("已走访");
        assertThat(westRow.findElement(By.cssSelector(".status")).getText()).isEqualTo("逾期");
        List<WebElement> rows = browser.findElements(By.cssSelector("table.coverage tbody tr"));
        assertThat(rows.get(0).getAttribute("data-status")).isEqualTo("LATE");
        WebElement visit = browser.findElement(By.cssSelector("table.visits tbody tr"));
        assertThat(visit.getText()).contains("2031-06-16", "东村", "代表甲", "村支书", "了解春耕", "1 件");
        assertThat(visit.findElement(By.linkText("代表甲")).getAttribute("href")).endsWith("/console/ledger/" + team.firstId() + "/2031-06");
        Browser.screenshot(browser, "70-visits-office");

        browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), team.liaison(), Team.PASSWORD);
        browser.get(base + "console/visits?from=2031-06-16&to=2031-06-22");
        // The liaison's workstation covers 东村 only.
        assertThat(browser.findElements(By.cssSelector("table.coverage tbody tr"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("tr[data-village='" + town.villageId() + "']"))).hasSize(1);
        // The coverage chart counts the same villages by state: the one village, visited.
        Browser.chartsDrawn(browser);
        assertThat(Browser.script(browser, COVERAGE_CHART)).isEqualTo(Map.of("labels", List.of("未开始", "进行中", "已走访", "逾期"),
                "drawn", List.of(0L, 0L, 1L, 0L)));
        Browser.screenshot(browser, "71-visits-liaison");

        Team other = Team.at(town, Team.secondWorkstation(town));
        browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), other.liaison(), Team.PASSWORD);
        browser.get(base + "console/visits?from=2031-06-16&to=2031-06-22");
        assertThat(browser.findElements(By.cssSelector("tr[data-village='" + town.villageId() + "']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("table.visits tbody tr"))).isEmpty();
    }
}
