package cn.lianxin.visits;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.CaseSteps;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.WeComMember;
import cn.lianxin.testing.WorkbenchSignIn;
import cn.lianxin.testing.Workers;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench's 记录走访 and 我的回访 in a real browser, signed in as WeCom signs a representative in: the visit's
 * issue becomes a VISIT case assigned to them and the village is covered; the case, once archived, comes back in
 * 我的回访, where its outcome is recorded on the case.
 */
@QuarkusTest
class VisitWorkbenchTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    Pool pool;
    @Inject
    RevisitPlanner planner;
    @Inject
    VisitReminders reminders;
    @Inject
    TestClock clock;

    ProviderFakes providers;

    /** A real 4×3 PNG on disk, for the file input. */
    private static Path photo() {
        try {
            Path file = Files.createTempFile("visit", ".png");
            ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text card WeCom received for the member under this title. */
    private JsonPath textCardTo(WeComMember member, String title) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> providers.wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/send"))
                        .withRequestBody(matchingJsonPath("$.touser", WireMock.equalTo(member.userId())))).stream()
                        .map(r -> JsonPath.from(r.getBodyAsString()))
                        .filter(j -> "textcard".equals(j.getString("msgtype")) && title.equals(j.getString("textcard.title")))
                        .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static String upload(String staff, byte[] bytes, String name, String type) {
        return given().auth().oauth2(Api.login(staff, Team.PASSWORD)).multiPart("file", name, bytes, type).post("/api/attachments")
                .then().statusCode(201).extract().path("id");
    }

    /** Longer than the shared wait: each step here writes cases and files, slow on a busy machine. */
    private static WebDriverWait patient(ChromeDriver browser) {
        return Browser.waiting(browser, Duration.ofSeconds(60));
    }

    private static void type(ChromeDriver browser, WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void aRepresentativeRecordsAVisitWithItsIssuesAndThenRecordsTheRevisitOfItsArchivedCase() {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        long west = town.village("西村");
        WeComMember me = WeComMember.at(town, team.workstationId(), List.of(town.villageId(), west));

        ChromeDriver browser = WorkbenchSignIn.openedFromWeCom(base, providers.wecom, me, null);
        patient(browser).until(ExpectedConditions.elementToBeClickable(By.id("record-visit"))).click();
        patient(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("visit")));
        Select village = new Select(browser.findElement(By.id("village")));
        assertThat(village.getOptions()).extracting(WebElement::getText).containsExactlyInAnyOrder("东村（本期未走访）", "西村（本期未走访）");
        village.selectByValue(String.valueOf(west));
        type(browser, browser.findElement(By.id("met-with")), "村支书和李大爷");
        type(browser, browser.findElement(By.id("summary")), "了解秋收和村道情况");
        browser.findElement(By.id("add-issue")).click();
        browser.findElement(By.id("add-issue")).click();
        List<WebElement> issues = browser.findElements(By.cssSelector("#issues .issue"));
        type(browser, issues.get(0).findElement(By.className("issue-text")), "村西的水渠堵了，雨天漫到路上");
        type(browser, issues.get(0).findElement(By.className("issue-name")), "李大爷");
        type(browser, issues.get(0).findElement(By.className("issue-phone")), Api.uniquePhone());
        new Select(issues.get(0).findElement(By.className("issue-category"))).selectByValue(String.valueOf(town.categoryId()));
        type(browser, issues.get(1).findElement(By.className("issue-text")), "问垃圾清运的时间");
        browser.findElement(By.id("visit-photos")).sendKeys(photo().toString());
        issues.get(1).findElement(By.className("issue-settled")).click();
        Browser.screenshot(browser, "90-workbench-record-visit");
        browser.findElement(By.id("save-visit")).click();

        // A refusal shows in #error.
        patient(browser).until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("visit-recorded")),
                ExpectedConditions.textMatches(By.id("error"), java.util.regex.Pattern.compile(".+"))));
        assertThat(browser.findElements(By.id("error"))).extracting(WebElement::getText).allMatch(String::isEmpty);
        WebElement recorded = browser.findElement(By.id("visit-recorded"));
        assertThat(recorded.getText()).contains("登记诉求 1 件，已交由您承办；当场解决 1 件；照片 1 张");
        String caseId = recorded.findElement(By.cssSelector("li[data-case]")).getAttribute("data-case");
        Team.as(me.username()).get("/api/cases/" + caseId).then().statusCode(200)
                .body("channel", equalTo("VISIT"))
                .body("representativeId", equalTo((int) me.id()))
                .body("villageId", equalTo((int) west))
                .body("text", equalTo("村西的水渠堵了，雨天漫到路上"));
        JsonPath visits = Team.as(me.username()).get("/api/visits").then().statusCode(200).extract().jsonPath()
                .setRootPath("find { it.villageId == " + west + " }");
        assertThat(visits.getString("metWith")).isEqualTo("村支书和李大爷");
        assertThat(visits.getList("photos.contentType")).containsExactly("image/png");
        String visitId = visits.getString("id");
        assertThat(Database.count(pool, "SELECT count(*) FROM visit_issue i JOIN visit v ON v.id = i.visit_id"
                + " WHERE v.representative_id = $1 AND i.case_id IS NULL AND i.text = '问垃圾清运的时间'", me.id())).isEqualTo(1);
        assertThat(Team.as(me.username()).get("/api/visits/coverage").then().statusCode(200).extract().jsonPath()
                .getString("find { it.villageId == " + west + " }.status")).isEqualTo("DONE");
        Browser.screenshot(browser, "91-workbench-visit-recorded");

        // The office's 走访 page shows the visit with its photo, fetched with the console's session.
        ChromeDriver console = Browser.fresh();
        Browser.signIn(console, base.toString(), "office", Api.OFFICE_PASSWORD);
        console.get(base + "console/visits");
        WebElement shown = console.findElement(By.cssSelector("tr[data-visit='" + visitId + "'] td.photos img"));
        patient(console).until(d -> ((Number) Browser.script(console, "return arguments[0].naturalWidth", shown)).intValue() == 4);
        Browser.screenshot(console, "92-visits-photo");
        browser = WorkbenchSignIn.openedFromWeCom(base, providers.wecom, me, null);
        patient(browser).until(ExpectedConditions.elementToBeClickable(By.id("my-revisits")));

        // The case handled, rated and archived; the planner gives it its revisit, which 我的回访 shows.
        CaseSteps.reply(me.username(), caseId, "已请村里清淤");
        CaseSteps.replySent(pool, caseId);
        CaseSteps.rate(team, caseId, "SATISFIED");
        Team.as(team.liaison()).post(CaseSteps.command(caseId, "archive")).then().statusCode(200);
        Workers.runOnce(planner::runOnce);
        // The task reaches their WeCom as a card opening 我的回访.
        String number = Team.as(me.username()).get("/api/cases/" + caseId).then().extract().path("number");
        JsonPath card = textCardTo(me, "回访任务");
        assertThat(card.getString("textcard.description")).contains("诉求 " + number, "回访 " + number + " 已落实");
        assertThat(card.getString("textcard.url")).isEqualTo("https://lianxin.test/workbench/#/revisits");
        browser.get(base + "workbench/#/revisits");
        By task = By.cssSelector("li[data-revisit='" + caseId + "']");
        WebElement open = patient(browser).until(ExpectedConditions.visibilityOfElementLocated(task));
        assertThat(open.getAttribute("data-status")).isEqualTo("DUE");
        assertThat(open.getText()).contains("村西的水渠堵了").contains("待回访");

        // Not reached: the task stays open, and says so.
        open.findElement(By.cssSelector("input[value='NOT_REACHED']")).click();
        type(browser, open.findElement(By.tagName("textarea")), "电话无人接听");
        open.findElement(By.cssSelector("button[type='submit']")).click();
        patient(browser).until(ExpectedConditions.textToBePresentInElementLocated(task, "上次结果：未联系上"));
        assertThat(browser.findElement(task).getAttribute("data-status")).isEqualTo("DUE");

        WebElement again = browser.findElement(task);
        again.findElement(By.cssSelector("input[value='CARRIED_OUT']")).click();
        type(browser, again.findElement(By.tagName("textarea")), "水渠通了，下雨也不漫了");
        again.findElement(By.cssSelector("button[type='submit']")).click();
        patient(browser).until(ExpectedConditions.attributeToBe(task, "data-status", "DONE"));
        assertThat(browser.findElement(task).findElements(By.tagName("form"))).isEmpty();
        Browser.screenshot(browser, "93-workbench-revisits");

        JsonPath mine = Team.as(me.username()).get("/api/revisits").then().statusCode(200).extract().jsonPath()
                .setRootPath("find { it.caseId == '" + caseId + "' }");
        assertThat(mine.getString("status")).isEqualTo("DONE");
        assertThat(mine.getString("outcome")).isEqualTo("CARRIED_OUT");
        assertThat(Team.as(me.username()).get("/api/cases/" + caseId + "/activity").then().statusCode(200).extract().jsonPath()
                .<String>getList("detail")).contains("回访（已落实）：水渠通了，下雨也不漫了");
    }

    @Test
    void aVisitTakesOnlyTheCallersUnusedImagesAsPhotosAndShowsThemOnlyInScope() throws IOException {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        Path png = photo();
        byte[] image = Files.readAllBytes(png);
        String pdf = upload(team.first(), "%PDF-1.7\n%%EOF\n".getBytes(), "notice.pdf", "application/pdf");
        String colleagues = upload(team.second(), image, "theirs.png", "image/png");
        String mine = upload(team.first(), image, "mine.png", "image/png");
        Map<String, Object> visit = new java.util.HashMap<>(Map.of("villageId", town.villageId(), "visitedAt", "2026-03-16",
                "metWith", "王大爷", "summary", "走访", "issues", List.of()));

        visit.put("photoIds", List.of(mine, pdf));
        Team.as(team.first()).body(visit).post("/api/visits").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("photoIds[1]"));
        visit.put("photoIds", List.of(colleagues));
        Team.as(team.first()).body(visit).post("/api/visits").then().statusCode(422).body("errors[0].field", equalTo("photoIds[0]"));
        // Refused: nothing was recorded, and the photo is still free to use.
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE id = $1 AND visit_id IS NULL", UUID.fromString(mine))).isEqualTo(1);

        visit.put("photoIds", List.of(mine));
        JsonPath created = Team.as(team.first()).body(visit).post("/api/visits").then().statusCode(201).extract().jsonPath();
        String url = created.getString("photos[0].url");
        assertThat(created.getString("photos[0].id")).isEqualTo(mine);
        assertThat(Team.as(team.leader()).get(url).then().statusCode(200).contentType("image/png").extract().asByteArray()).isEqualTo(image);
        Team other = Team.at(town, Team.secondWorkstation(town));
        Team.as(other.liaison()).get(url).then().statusCode(404);
        // Used once: a second visit cannot take it.
        visit.put("visitedAt", "2026-03-17");
        Team.as(team.first()).body(visit).post("/api/visits").then().statusCode(422).body("errors[0].field", equalTo("photoIds[0]"));
    }

    @Test
    void theWeeksVisitsReachTheRepresentativeAsACardThatOpensTheVisitForm() {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        WeComMember me = WeComMember.at(town, team.workstationId(), List.of(town.villageId()));
        // The Monday of this week (a day back at most a week, so the message is not held for the future).
        LocalDate monday = LocalDate.now(ZoneId.of("Asia/Shanghai")).with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        clock.set(monday.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        try {
            Workers.runOnce(reminders::runOnce);
        } finally {
            clock.reset();
        }
        JsonPath card = textCardTo(me, "本周走访");
        assertThat(card.getString("textcard.description")).startsWith("本周走访（").contains("东村");
        assertThat(card.getString("textcard.url")).isEqualTo("https://lianxin.test/workbench/#/visits/new");
        assertThat(card.getString("textcard.btntxt")).isEqualTo("记录走访");
    }
}
