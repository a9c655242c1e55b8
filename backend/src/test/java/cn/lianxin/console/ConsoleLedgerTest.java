package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** 履职台账: a representative's month as an A4 page and as a PDF whose Chinese text extracts back. */
@QuarkusTest
class ConsoleLedgerTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theLedgerShowsTheRepresentativesVisitsActivitiesAndFiguresOnThePageAndInThePdf() throws IOException {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String month = today.toString().substring(0, 7);
        Team.as(team.first()).body(Map.of("villageId", town.villageId(), "visitedAt", today.toString(), "metWith", "村支书和三户村民",
                "summary", "了解冬季取暖", "issues", List.of(Map.of("text", "桥栏杆断了", "categoryId", town.categoryId()))))
                .post("/api/visits").then().statusCode(201);
        Team.as(team.liaison()).body(Map.of("kind", "CONSULTATION", "heldOn", today.toString(), "place", "村委会", "title", "征求村规民约意见",
                "minutes", "逐条讨论", "representativeIds", List.of(team.firstId()))).post("/api/activities").then().statusCode(201);

        Response pdf = asOffice().get("/console/ledger/" + team.firstId() + "/" + month + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        byte[] bytes = pdf.asByteArray();
        Path saved = Path.of("target", "screenshots", "72-ledger.pdf");
        Files.createDirectories(saved.getParent());
        Files.write(saved, bytes);
        try (PDDocument document = Loader.loadPDF(bytes)) {
            BufferedImage first = new PDFRenderer(document).renderImageWithDPI(0, 96);
            ImageIO.write(first, "png", saved.resolveSibling("72-ledger-pdf.png").toFile());
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            String label = today.getYear() + "年" + today.getMonthValue() + "月";
            assertThat(text).contains("代表甲履职台账（" + label + "）", "走访（1次）", "东村", "村支书和三户村民", "了解冬季取暖", "1件",
                    "参加工作室活动（1次）", "征询意见", "征求村规民约意见");
            // One case registered this month and now the representative's: 登记 1, none signed for yet (响应率 0%).
            assertThat(text).contains("回访覆盖率落实率10%");
        }

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), team.liaison(), Team.PASSWORD);
        browser.get(base + "console/ledger/" + team.firstId() + "/" + month);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("代表甲 履职台账（" + today.getYear() + "年" + today.getMonthValue() + "月）");
        assertThat(browser.findElements(By.cssSelector("[data-ledger=visits] tbody tr"))).hasSize(1);
        Browser.screenshot(browser, "73-ledger-page");

        // Another workstation's liaison does not see this representative at all.
        Team other = Team.at(town, Team.secondWorkstation(town));
        Team.as(other.liaison()).get("/console/ledger/" + team.firstId() + "/" + month).then().statusCode(404);
    }
}
