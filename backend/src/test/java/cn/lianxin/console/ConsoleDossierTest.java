package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.CaseSteps;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
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

/** 归档材料: an archived case's whole record as a PDF whose Chinese text extracts back, scoped like the case. */
@QuarkusTest
class ConsoleDossierTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    Pool pool;

    private static String text(byte[] pdf, String saveAs) throws IOException {
        Path saved = Path.of("target", "screenshots", saveAs + ".pdf");
        Files.createDirectories(saved.getParent());
        Files.write(saved, pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 96), "png", saved.resolveSibling(saveAs + "-pdf.png").toFile());
            return new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
    }

    @Test
    void anArchivedCasesDossierHasItsSixStepsReplyFeedbackAndRevisitAndOnlyInScope() throws IOException {
        Team team = Team.at(Fixtures.town());
        Fixtures town = team.town();
        String phone = Api.uniquePhone();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String caseId = Team.as(team.first()).body(Map.of("villageId", town.villageId(), "visitedAt", today, "metWith", "王大爷",
                        "summary", "走访", "issues", List.of(Map.of("text", "村口的路灯坏了三个月", "categoryId", town.categoryId(),
                                "residentName", "王大爷", "residentPhone", phone))))
                .post("/api/visits").then().statusCode(201).extract().<List<String>>path("caseIds").get(0);
        String number = asOffice().get("/api/cases/" + caseId).then().statusCode(200).extract().path("number");
        // Not archived yet: no dossier.
        asOffice().get("/console/cases/" + caseId + "/dossier.pdf").then().statusCode(409);

        CaseSteps.reply(team.first(), caseId, "已联系供电所换了灯泡");
        CaseSteps.replySent(pool, caseId);
        CaseSteps.rate(team, caseId, "SATISFIED");
        Team.as(team.liaison()).post(CaseSteps.command(caseId, "archive")).then().statusCode(200);
        Team.as(team.first()).body(Map.of("outcome", "CARRIED_OUT", "text", "灯一直亮着")).post(CaseSteps.command(caseId, "revisit"))
                .then().statusCode(200);

        Response pdf = Team.as(team.liaison()).get("/console/cases/" + caseId + "/dossier.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        String text = text(pdf.asByteArray(), "94-dossier");
        assertThat(text).contains("诉求" + number + "归档材料", "村口的路灯坏了三个月", "王大爷", "走访");
        // The six steps, each with the minute it was reached (yyyy-MM-dd HH:mm after its label).
        for (String step : List.of("登记", "接待", "处理", "回复", "反馈", "归档")) {
            assertThat(text).containsPattern(step + "\\d{4}-\\d{2}-\\d{2}\\d{2}:\\d{2}");
        }
        assertThat(text).contains("已联系供电所换了灯泡", "评价：满意", "回访：已落实", "灯一直亮着", team.first(), team.liaison());
        // Personal data as the office sees it on the page: the number masked.
        assertThat(text).doesNotContain(phone);

        // Another workstation's liaison: the case does not exist for them.
        Team other = Team.at(town, Team.secondWorkstation(town));
        Team.as(other.liaison()).get("/console/cases/" + caseId + "/dossier.pdf").then().statusCode(404);

        // The case page links it once the case is archived.
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/cases/" + caseId);
        assertThat(browser.findElement(By.id("dossier")).getAttribute("href")).endsWith("/console/cases/" + caseId + "/dossier.pdf");
    }
}
