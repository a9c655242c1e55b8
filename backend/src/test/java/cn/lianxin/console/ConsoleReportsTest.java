package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.CaseSteps;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * 月报: the page shows the figures of {@code GET /api/stats/rates}, the PDF carries them in an embedded Chinese
 * font, and a liaison gets only their own workstation's report. Each test builds a town of its own this month.
 */
@QuarkusTest
class ConsoleReportsTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");
    private static final String[] RATES = {"responseRate", "onTimeRate", "resolutionRate", "satisfactionRate"};
    private static final String[][] FRACTIONS = {{"signedFor", "registered"}, {"onTimeNumerator", "onTimeDenominator"},
            {"replied", "registered"}, {"satisfied", "rated"}};
    private static final String[] LABELS = {"响应率", "按时率", "解决率", "满意率"};

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    /** A month of one workstation: a case replied to, one overdue for sign-for, and one replied to last month. */
    private record Month(Fixtures town, Team team, YearMonth month, String overdueNumber) {
    }

    private Month aMonthOfCases() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String resident = town.resident();
        String replied = assigned(town, resident, team.firstId());
        CaseSteps.reply(team.first(), replied, "已修好");
        String overdue = assigned(town, resident, team.firstId());
        update("UPDATE cases SET sign_for_due_at = now() - interval '2 days' WHERE id = $1", overdue);
        String lastMonth = assigned(town, resident, team.secondId());
        CaseSteps.reply(team.second(), lastMonth, "已修好");
        update("UPDATE cases SET registered_at = registered_at - interval '1 month' WHERE id = $1", lastMonth);
        String number = asOffice().get("/api/cases/" + overdue).then().statusCode(200).extract().path("number");
        return new Month(town, team, YearMonth.now(TOWN), number);
    }

    private static String assigned(Fixtures town, String resident, long representativeId) {
        String id = town.walkInCase(resident, "村口路灯坏了");
        CaseSteps.assign(id, representativeId);
        return id;
    }

    private void update(String sql, String id) {
        assertThat(Database.update(pool, sql, UUID.fromString(id))).isEqualTo(1);
    }

    /** The API's total row for the month, as the dashboard's test reads it. */
    private static Map<String, Object> apiTotal(YearMonth month, long workstationId) {
        LocalDate from = month.atDay(1);
        return asOffice().queryParam("from", from.toString()).queryParam("to", month.atEndOfMonth().toString())
                .queryParam("by", "representative").queryParam("workstationId", workstationId)
                .get("/api/stats/rates").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL)).getMap("total");
    }

    /** A rate as the report prints it: 0.5000 → 50.0%, null → —. */
    private static String percent(Object rate) {
        return rate == null ? "—" : ((BigDecimal) rate).movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
    }

    private static String fraction(Map<String, Object> row, int rate) {
        return ((Number) row.get(FRACTIONS[rate][0])).longValue() + "/" + ((Number) row.get(FRACTIONS[rate][1])).longValue();
    }

    @Test
    void theReportPageShowsTheRatesOfTheApiForThisMonthAndTheMonthBeforeAndTheOverdueCases() {
        Month m = aMonthOfCases();
        Map<String, Object> now = apiTotal(m.month(), m.team().workstationId());
        Map<String, Object> before = apiTotal(m.month().minusMonths(1), m.team().workstationId());
        assertThat(((Number) now.get("registered")).longValue()).isEqualTo(2);
        assertThat(((Number) before.get("registered")).longValue()).isEqualTo(1);

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/reports?workstationId=" + m.team().workstationId());
        WebElement open = browser.findElement(By.linkText("查看" + m.month().getYear() + "年" + m.month().getMonthValue() + "月月报"));
        Browser.screenshot(browser, "61-reports-chooser");
        open.click();
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-report=rates]")));

        assertThat(browser.findElement(By.cssSelector("h1.report-title")).getText())
                .isEqualTo("测试镇" + m.town().townCode() + " 中心工作室 " + m.month().getYear() + "年" + m.month().getMonthValue()
                        + "月 党代表工作室诉求办理月报");
        for (int i = 0; i < LABELS.length; i++) {
            List<WebElement> cells = browser.findElements(By.cssSelector("[data-report=rates] tr[data-rate='" + LABELS[i] + "'] td"));
            assertThat(cells.get(0).getText()).as(LABELS[i]).isEqualTo(percent(now.get(RATES[i])));
            assertThat(cells.get(1).getText()).as(LABELS[i]).isEqualTo(fraction(now, i));
            assertThat(cells.get(2).getText()).as(LABELS[i] + " last month").isEqualTo(percent(before.get(RATES[i])));
            assertThat(cells.get(3).getText()).as(LABELS[i] + " last month").isEqualTo(fraction(before, i));
        }
        // 解决率 went from 1/1 to 1/2.
        assertThat(browser.findElement(By.cssSelector("[data-report=rates] tr[data-rate='解决率'] td:last-child")).getText())
                .isEqualTo("-50.0 个百分点");
        assertThat(browser.findElements(By.cssSelector("[data-report=groups] tbody th")).stream().map(WebElement::getText))
                .containsExactly("代表甲");
        assertThat(browser.findElements(By.cssSelector("[data-report=overdue] tbody td:first-child")).stream().map(WebElement::getText))
                .containsExactly(m.overdueNumber());
        assertThat(browser.findElement(By.cssSelector("[data-report=villages] tbody th")).getText()).isEqualTo("东村");
        assertThat(browser.findElement(By.cssSelector("[data-report=villages] tbody td")).getText()).isEqualTo("2");
        Browser.screenshot(browser, "60-report");

        browser.get(base + "console/reports/" + m.month());
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-report=groups]")));
        assertThat(browser.findElements(By.cssSelector("[data-report=groups] tbody th")).stream().map(WebElement::getText))
                .contains("中心工作室");
        Browser.screenshot(browser, "63-report-town");
    }

    @Test
    void thePdfCarriesTheTitleTheRatesAndTheOverdueCasesInAnEmbeddedChineseFont() throws IOException {
        Month m = aMonthOfCases();
        Map<String, Object> now = apiTotal(m.month(), m.team().workstationId());
        String title = "测试镇" + m.town().townCode() + " 中心工作室 " + m.month().getYear() + "年" + m.month().getMonthValue() + "月 党代表工作室诉求办理月报";

        Response pdf = asOffice().get("/console/reports/" + m.month() + ".pdf?workstationId=" + m.team().workstationId());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.header("Content-Disposition")).startsWith("attachment;")
                .contains("filename*=UTF-8''" + URLEncoder.encode(title + ".pdf", StandardCharsets.UTF_8).replace("+", "%20"));
        byte[] bytes = pdf.asByteArray();
        Path saved = Path.of("target", "screenshots", "62-report.pdf");
        Files.createDirectories(saved.getParent());
        Files.write(saved, bytes);

        try (PDDocument document = Loader.loadPDF(bytes)) {
            BufferedImage first = new PDFRenderer(document).renderImageWithDPI(0, 96);
            ImageIO.write(first, "png", saved.resolveSibling("62-report-pdf.png").toFile());
            // Text extraction gives back Chinese only where the embedded font maps its glyphs to Unicode.
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains(title.replace(" ", ""));
            for (int i = 0; i < LABELS.length; i++) {
                assertThat(text).contains(LABELS[i] + percent(now.get(RATES[i])) + fraction(now, i));
            }
            assertThat(text).contains(m.overdueNumber());

            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).contains("WenQuanYi");
            });
        }
    }

    @Test
    void aLiaisonReadsTheirOwnWorkstationsReportAndIsRefusedAnothers() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        long other = Team.secondWorkstation(town);
        String month = YearMonth.now(TOWN).toString();

        Team.as(team.liaison()).get("/console/reports/" + month + "?workstationId=" + other).then().statusCode(403);
        Team.as(team.liaison()).get("/console/reports/" + month + ".pdf?workstationId=" + other).then().statusCode(403);
        Team.as(team.liaison()).get("/console/reports?workstationId=" + other).then().statusCode(403);
        // Without naming one, the liaison's report is their own workstation's.
        String own = Team.as(team.liaison()).get("/console/reports/" + month).then().statusCode(200).extract().asString();
        assertThat(own).contains("测试镇" + town.townCode() + " 中心工作室 ");
        Team.as(team.first()).get("/console/reports/" + month).then().statusCode(403);
        // No such workstation, no such month: nothing to report, as the API says of an unknown id.
        asOffice().get("/console/reports/" + month + "?workstationId=" + Long.MAX_VALUE).then().statusCode(404);
        asOffice().get("/console/reports/2026-13").then().statusCode(404);
    }
}
