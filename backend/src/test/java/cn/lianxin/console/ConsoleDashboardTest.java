package cn.lianxin.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** 总览 in a real browser: the charts draw the same figures as GET /api/stats/rates, scoped like it. */
@QuarkusTest
class ConsoleDashboardTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    @TestHTTPResource("/")
    URL base;

    /** Per workstation name, the four rates' [numerator, denominator] as a chart's tooltip data carries them. */
    private static final String CHART_FIGURES = """
            const el = document.querySelector('[data-chart="' + arguments[0] + '"]');
            const option = echarts.getInstanceByDom(el).getOption();
            const data = JSON.parse(el.dataset.chartData);
            return {labels: option.xAxis[0].data, series: option.series.map(s => s.name),
                    drawn: option.series.map(s => s.data.map(v => v === '-' ? null : v)),
                    fractions: data.series.map(s => s.points.map(p => [p.numerator, p.denominator]))};""";

    @Test
    @SuppressWarnings("unchecked")
    void theTownOfficeSeesTheRatesOfEveryWorkstationAsTheApiCountsThem() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String resident = town.resident();
        String signed = town.walkInCase(resident, "村口的路灯坏了");
        town.walkInCase(resident, "水渠堵了");
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + signed + "/commands/assign")
                .then().statusCode(200);
        Team.as(team.first()).post("/api/cases/" + signed + "/commands/sign-for").then().statusCode(200);
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        Browser.chartsDrawn(browser);
        Browser.screenshot(browser, "10-dashboard");

        YearMonth month = YearMonth.now(TOWN);
        JsonPath api = Api.asOffice().queryParam("from", month.atDay(1).toString()).queryParam("to", month.atEndOfMonth().toString())
                .queryParam("by", "workstation").get("/api/stats/rates").then().statusCode(200).extract().jsonPath();
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) Browser.script(browser, CHART_FIGURES, "rates-by-workstation");
        assertThat(chart.get("series")).isEqualTo(List.of("响应率", "按时率", "解决率", "满意率"));
        assertThat(chart.get("fractions")).isEqualTo(expectedFractions(api.getList("rows")));
        assertThat(chart.get("labels")).isEqualTo(api.getList("rows.name").stream().map(n -> n == null ? "未分配工作室" : n).toList());
        assertThat((List<Object>) chart.get("labels")).contains(workstationName(town.workstationId()));

        // The tiles and the figures table say the same: every figure with its numerator and denominator.
        WebElement table = browser.findElement(By.cssSelector("[data-figures=rates-by-workstation]"));
        String totals = table.findElement(By.tagName("tfoot")).getText();
        assertThat(totals).contains(api.getLong("total.signedFor") + "/" + api.getLong("total.registered"))
                .contains(api.getLong("total.satisfied") + "/" + api.getLong("total.rated"));
        assertThat(browser.findElements(By.cssSelector("[data-chart=rates-by-month] canvas"))).isNotEmpty();
    }

    @Test
    void aLiaisonSeesTheirOwnWorkstationOnlyAndMayNotAskForAnother() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        town.walkInCase(town.resident(), "桥面有裂缝");
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), team.liaison(), Team.PASSWORD);
        Browser.chartsDrawn(browser);
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) Browser.script(browser, CHART_FIGURES, "rates-by-workstation");
        assertThat(chart.get("labels")).isEqualTo(List.of(workstationName(town.workstationId())));
        assertThat(browser.findElements(By.id("workstationId"))).isEmpty();

        browser.get(base + "console/?workstationId=" + Team.secondWorkstation(town));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问");
    }

    private static List<List<List<Long>>> expectedFractions(List<Map<String, Object>> rows) {
        List<List<List<Long>>> series = new ArrayList<>();
        for (String[] rate : new String[][] {{"signedFor", "registered"}, {"onTimeNumerator", "onTimeDenominator"},
                {"replied", "registered"}, {"satisfied", "rated"}}) {
            series.add(rows.stream().map(r -> List.of(number(r.get(rate[0])), number(r.get(rate[1])))).toList());
        }
        return series;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static String workstationName(long id) {
        return Api.asOffice().get("/api/workstations/" + id).then().statusCode(200).extract().path("name");
    }
}
