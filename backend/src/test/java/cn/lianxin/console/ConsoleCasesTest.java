package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.cases.Figure;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.CaseSteps;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * 诉求 in a real browser: a drill-down from the dashboard's bar to exactly the cases behind it, the list's figures
 * against the rates, the CSV export, a reply given from the case page reaching the resident, another workstation's
 * liaison refused, and a resident's markup shown as text.
 */
@QuarkusTest
class ConsoleCasesTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");
    private static final String SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>路灯不亮";
    private static final String PHONE_IN_TEXT = "13912345678";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    /** One workstation's cases this month, in every figure's two sides. */
    private record Scene(Team team, String onTime, String late, String overdue, String waiting, String transferred,
            String waitingNumber) {
        List<String> all() {
            return List.of(onTime, late, overdue, waiting, transferred);
        }
    }

    private static Scene scene;

    private synchronized Scene scene() {
        if (scene != null) {
            return scene;
        }
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String resident = town.resident();
        // 按时回复、满意; replied late (its deadline moved before the reply), 不满意, a phone number in its words;
        // signed for and handled, its reply deadline passed; waiting to be signed for; signed for, then transferred.
        String onTime = assigned(town, resident, "排水沟堵了", team.firstId());
        CaseSteps.reply(team.first(), onTime, "已处理");
        CaseSteps.rate(team, onTime, "SATISFIED");
        String late = assigned(town, resident, "路面坑洼，联系电话" + PHONE_IN_TEXT, team.firstId());
        CaseSteps.reply(team.first(), late, "已处理");
        CaseSteps.rate(team, late, "UNSATISFIED");
        setDue("replied_at - interval '1 hour'", late);
        String overdue = assigned(town, resident, "低保申请进度", team.firstId());
        CaseSteps.signFor(team.first(), overdue);
        Team.as(team.first()).body(Map.of("handlingClass", "TIME_LIMITED")).post(CaseSteps.command(overdue, "handling")).then().statusCode(200);
        setDue("now() - interval '1 day'", overdue);
        String waiting = assigned(town, resident, SCRIPT, team.firstId());
        String transferred = assigned(town, resident, "垃圾清运不及时", team.secondId());
        CaseSteps.signFor(team.second(), transferred);
        Team.as(team.second()).body(Map.of("representativeId", team.firstId(), "reason", "甲熟悉")).post(CaseSteps.command(transferred, "transfer"))
                .then().statusCode(200).body("state", equalTo("REGISTERED"));
        String number = asOffice().get("/api/cases/" + waiting).then().extract().path("number");
        scene = new Scene(team, onTime, late, overdue, waiting, transferred, number);
        return scene;
    }

    private static String assigned(Fixtures town, String resident, String text, long representativeId) {
        String id = town.walkInCase(resident, text);
        CaseSteps.assign(id, representativeId);
        return id;
    }

    private void setDue(String at, String id) {
        assertThat(Database.update(pool, "UPDATE cases SET reply_due_at = " + at + " WHERE id = $1", UUID.fromString(id))).isEqualTo(1);
    }

    private static YearMonth month() {
        return YearMonth.now(TOWN);
    }

    private static Map<String, Object> rates(long workstationId) {
        JsonPath rates = asOffice().queryParam("from", month().atDay(1).toString()).queryParam("to", month().atEndOfMonth().toString())
                .queryParam("by", "workstation").queryParam("workstationId", workstationId).get("/api/stats/rates").then().statusCode(200)
                .extract().jsonPath();
        return rates.getMap("total");
    }

    private static long count(Map<String, Object> row, String name) {
        return ((Number) row.get(name)).longValue();
    }

    private static List<String> rowIds(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#results tr[data-case]")).stream().map(r -> r.getAttribute("data-case")).toList();
    }

    private static long shownTotal(ChromeDriver browser) {
        return Long.parseLong(browser.findElement(By.cssSelector("#results [data-total]")).getAttribute("data-total"));
    }

    @Test
    void clickingABarOfTheDashboardListsExactlyTheCasesBehindIt() {
        Scene s = scene();
        long ws = s.team().workstationId();
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/?month=" + month() + "&workstationId=" + ws);
        Browser.chartsDrawn(browser);
        WebElement chart = browser.findElement(By.cssSelector("[data-chart=rates-by-workstation]"));
        Browser.script(browser, "arguments[0].scrollIntoView({block: 'center'})", chart);
        // The 按时率 bar (series 1) of this workstation: where ECharts drew it, and the list it links to.
        @SuppressWarnings("unchecked")
        Map<String, Object> bar = (Map<String, Object>) Browser.script(browser, """
                const el = arguments[0], ws = arguments[1], s = 1;
                const chart = echarts.getInstanceByDom(el);
                const data = JSON.parse(el.dataset.chartData);
                const i = data.series[s].points.findIndex(p => p.link.includes('workstationId=' + ws));
                const value = Number(data.series[s].points[i].value);
                const top = chart.convertToPixel({seriesIndex: s}, [i, value]);
                const layout = chart.getModel().getSeriesByIndex(s).getData().getItemLayout(i);
                return {x: layout.x + layout.width / 2, y: (top[1] + layout.y) / 2, link: data.series[s].points[i].link};""", chart, ws);
        int width = chart.getRect().getWidth();
        int height = chart.getRect().getHeight();
        new Actions(browser).moveToElement(chart, (int) Math.round(((Number) bar.get("x")).doubleValue() - width / 2.0),
                (int) Math.round(((Number) bar.get("y")).doubleValue() - height / 2.0)).click().perform();
        Browser.waiting(browser).until(ExpectedConditions.urlContains("/console/cases?"));
        assertThat(browser.getCurrentUrl()).endsWith((String) bar.get("link")).contains("figure=ON_TIME_COUNTED");

        // 按时率's denominator: replied on time, replied late, and the one whose deadline passed unanswered.
        assertThat(shownTotal(browser)).isEqualTo(count(rates(ws), "onTimeDenominator")).isEqualTo(3);
        assertThat(rowIds(browser)).containsExactlyInAnyOrder(s.onTime(), s.late(), s.overdue());
        assertThat(browser.findElement(By.cssSelector(".active-filters")).getText()).contains("计入按时率").contains("中心工作室");
        assertThat(new Select(browser.findElement(By.id("f-figure"))).getFirstSelectedOption().getText()).isEqualTo("计入按时率");
        assertThat(new Select(browser.findElement(By.id("f-workstation"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(String.valueOf(ws));
        Browser.screenshot(browser, "20-cases-drill-down");

        // Narrowing a filter swaps the results in place and keeps the address in step.
        WebElement results = browser.findElement(By.id("results"));
        new Select(browser.findElement(By.id("f-figure"))).selectByVisibleText("按时");
        Browser.waiting(browser).until(ExpectedConditions.stalenessOf(results));
        Browser.waiting(browser).until(ExpectedConditions.urlMatches("figure=ON_TIME$"));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "console/cases?workstationId=" + ws + "&from=" + month().atDay(1) + "&to="
                + month().atEndOfMonth() + "&figure=ON_TIME");
        assertThat(rowIds(browser)).containsExactly(s.onTime());
        assertThat(shownTotal(browser)).isEqualTo(count(rates(ws), "onTimeNumerator"));
    }

    @Test
    void everyFigureListsAsManyCasesAsTheRatesCount() {
        Scene s = scene();
        long ws = s.team().workstationId();
        Map<String, Object> total = rates(ws);
        long registered = count(total, "registered");
        Map<String, Long> expected = Map.of(
                "SIGNED_FOR", count(total, "signedFor"), "NOT_SIGNED_FOR", registered - count(total, "signedFor"),
                "REPLIED", count(total, "replied"), "NOT_REPLIED", registered - count(total, "replied"),
                "ON_TIME_COUNTED", count(total, "onTimeDenominator"), "ON_TIME", count(total, "onTimeNumerator"),
                "LATE", count(total, "onTimeDenominator") - count(total, "onTimeNumerator"),
                "RATED", count(total, "rated"), "SATISFIED", count(total, "satisfied"), "UNSATISFIED", count(total, "rated") - count(total, "satisfied"));
        // The scene's own numbers, written down: the two sides of each figure are both there.
        assertThat(List.of(registered, expected.get("SIGNED_FOR"), expected.get("REPLIED"), expected.get("ON_TIME_COUNTED"),
                expected.get("ON_TIME"), expected.get("RATED"), expected.get("SATISFIED"))).containsExactly(5L, 4L, 2L, 3L, 1L, 2L, 1L);
        assertThat(Arrays.stream(Figure.values()).map(Enum::name)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((figure, count) -> asOffice().queryParam("figure", figure).queryParam("workstationId", ws)
                .queryParam("from", month().atDay(1).toString()).queryParam("to", month().atEndOfMonth().toString())
                .get("/api/cases").then().statusCode(200).body("total", equalTo(count.intValue())));
    }

    @Test
    void theExportHasAHeaderAndExactlyTheFilteredRowsWithoutPhoneNumbers() {
        Scene s = scene();
        long ws = s.team().workstationId();
        String query = "?workstationId=" + ws + "&from=" + month().atDay(1) + "&to=" + month().atEndOfMonth();
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/cases" + query);
        String link = browser.findElement(By.linkText("导出 CSV")).getAttribute("href");
        assertThat(link).isEqualTo(base + "console/cases/export.csv" + query);
        @SuppressWarnings("unchecked")
        Map<String, Object> csv = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done({status: r.status, type: r.headers.get('content-type'),
                  text: new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)})));""", link);
        assertThat(csv.get("status")).isEqualTo(200L);
        assertThat(csv.get("type")).isEqualTo("text/csv; charset=utf-8");
        String text = (String) csv.get("text");
        assertThat(text).startsWith("\uFEFF");
        List<String> lines = List.of(text.substring(1).split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("编号,登记时间,渠道,村,类别,状态,工作室,代表,下一期限,期限类型,诉求内容,回复时间,评价");
        // The same filters through the API's list, all on one page: the export has its rows, in its order.
        List<String> numbers = asOffice().queryParam("workstationId", ws).queryParam("from", month().atDay(1).toString())
                .queryParam("to", month().atEndOfMonth().toString()).queryParam("size", 200).get("/api/cases").then().statusCode(200)
                .extract().path("items.number");
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(',')))).containsExactlyElementsOf(numbers)
                .hasSize(5);
        assertThat(text).doesNotContain(PHONE_IN_TEXT).contains("139****5678").contains("中心工作室").contains("代表甲");
        assertThat(text).contains(SCRIPT);
    }

    @Test
    void aReplyGivenOnTheCasePageReachesTheResident() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String id = assigned(town, town.resident(), "村口路灯不亮", team.firstId());
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/cases/" + id);
        assertThat(browser.findElement(By.id("case-state")).getText()).isEqualTo("登记");
        assertThat(browser.findElements(By.cssSelector("#commands form button")).stream().map(WebElement::getText))
                .contains("签收").doesNotContain("回复", "归档");

        // Someone signs for it meanwhile: the page's 签收 is refused (409) and says why.
        CaseSteps.signFor(team.first(), id);
        browser.findElement(By.cssSelector("#command-SIGN_FOR button")).click();
        Browser.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("alert")));
        assertThat(browser.findElement(By.id("alert")).getText()).contains("not possible while the case is in 接待");

        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("case-state")).getText()).isEqualTo("接待");
        new Select(browser.findElement(By.id("CHOOSE_HANDLING-handlingClass"))).selectByVisibleText("小事当场办");
        browser.findElement(By.cssSelector("#command-CHOOSE_HANDLING button")).click();
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.id("case-state"), "处理"));

        // An empty reply is refused at its field; the typed answer then goes out.
        browser.findElement(By.cssSelector("#command-REPLY button")).click();
        Browser.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("REPLY-text-error")));
        assertThat(browser.findElement(By.id("REPLY-text-error")).getText()).isEqualTo("必填");
        browser.findElement(By.id("REPLY-text")).sendKeys("路灯已于今日修复，感谢反映。");
        browser.findElement(By.cssSelector("#command-REPLY button")).click();
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.id("case-state"), "回复"));
        assertThat(browser.findElement(By.id("case-reply")).getText()).isEqualTo("路灯已于今日修复，感谢反映。");
        assertThat(browser.findElement(By.cssSelector(".timeline [aria-current=step]")).getText()).startsWith("回复");

        // The message log (in the tests SMS goes to the provider's fake, not to the sandbox) has the reply, sent.
        await().atMost(Duration.ofSeconds(30)).until(() -> asOffice().queryParam("caseId", id).get("/api/messages").then().extract()
                .<List<Object>>path("items.findAll { it.template == 'CASE_REPLY' && it.status == 'SENT' && it.body.contains('路灯已于今日修复') }")
                .size() == 1);
        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector("table.messages")).getText()).contains("路灯已于今日修复").contains("已发送");
        assertThat(browser.findElement(By.cssSelector("table.record")).getText()).contains("回复：路灯已于今日修复").contains("管理台");
        Browser.screenshot(browser, "21-case-detail");
    }

    @Test
    void aLiaisonOfAnotherWorkstationGetsTheSameNotFoundAsTheApi() {
        Scene s = scene();
        Team other = Team.at(s.team().town(), Team.secondWorkstation(s.team().town()));
        Team.as(other.liaison()).get("/api/cases/" + s.overdue()).then().statusCode(404);
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), other.liaison(), Team.PASSWORD);
        browser.get(base + "console/cases/" + s.overdue());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("没有找到");
        assertThat(browser.findElement(By.cssSelector(".status")).getText()).startsWith("404");
        assertThat(browser.getPageSource()).doesNotContain("低保申请进度");
        Browser.screenshot(browser, "22-case-not-found");
        // Nor does the list show it.
        browser.get(base + "console/cases?number=" + s.waitingNumber());
        assertThat(shownTotal(browser)).isZero();
    }

    @Test
    void aResidentsMarkupIsShownAsTextAndNeverRuns() {
        Scene s = scene();
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/cases?number=" + s.waitingNumber());
        assertThat(rowIds(browser)).containsExactly(s.waiting());
        assertThat(browser.findElement(By.cssSelector("#results td.text")).getText()).isEqualTo(SCRIPT.substring(0, 40) + "…");
        assertThat(Browser.script(browser, "return document.querySelectorAll('#results script, #results img').length")).isEqualTo(0L);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        browser.findElement(By.linkText(s.waitingNumber())).click();
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("case-text")));
        assertThat(browser.findElement(By.id("case-text")).getText()).isEqualTo(SCRIPT);
        assertThat(Browser.script(browser, "return document.querySelectorAll('#case-text *').length")).isEqualTo(0L);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElement(By.id("resident-phone")).getText()).matches("1\\d\\d\\*{4}\\d{4}");
    }

    @Test
    void theCasesNoWorkstationCoversAreListedWithTheFilterNamedAndABadPeriodIsRefusedAtItsField() {
        Fixtures town = Fixtures.town();
        long north = town.village(Api.unique("北村"));
        String unplaced = asOffice().body(Map.of("residentId", town.resident(), "villageId", north, "categoryId", town.categoryId(),
                "channel", "PHONE", "text", "北村的桥栏杆松了")).post("/api/cases").then().statusCode(201).extract().path("id");
        String query = "from=" + month().atDay(1) + "&to=" + month().atEndOfMonth() + "&villageId=" + north + "&unplaced=WORKSTATION";
        asOffice().get("/api/cases?" + query).then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(unplaced));

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/cases?" + query);
        assertThat(rowIds(browser)).containsExactly(unplaced);
        assertThat(browser.findElement(By.cssSelector("#results tr[data-case]")).getText()).contains("未分配");
        assertThat(browser.findElement(By.cssSelector(".active-filters")).getText()).contains("未定：未分配工作室");
        assertThat(new Select(browser.findElement(By.id("f-unplaced"))).getFirstSelectedOption().getText()).isEqualTo("未分配工作室");

        browser.get(base + "console/cases?from=" + month().atEndOfMonth() + "&to=" + month().atDay(1));
        assertThat(browser.findElement(By.id("e-to")).getText()).isEqualTo("结束日期不能早于开始日期");
        assertThat(browser.findElement(By.id("f-to")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(rowIds(browser)).isEmpty();
    }
}
