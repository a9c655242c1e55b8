package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** 问答审核 in a real browser: the town office sees what was found, publishes one question and keeps another private. */
@QuarkusTest
class ConsoleQuestionsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theOfficeConfirmsTheRedactionAndPublishesOrKeepsPrivateWithAReason() {
        Fixtures town = Fixtures.town();
        MiniProgramResident asker = MiniProgramResident.login();
        String published = ask(asker, town, "桥头3号旁的路灯不亮，我的电话13712345678");
        String kept = ask(asker, town, "隔壁邻居占了我家的宅基地，怎么办？");

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/questions");
        WebElement item = browser.findElement(By.id("question-" + published));
        assertThat(item.findElements(By.cssSelector(".original mark.found"))).extracting(WebElement::getText)
                .containsExactly("3号", "13712345678");
        assertThat(item.findElement(By.cssSelector(".proposed")).getText()).isEqualTo("桥头【门牌已隐去】旁的路灯不亮，我的电话【电话已隐去】");
        Browser.screenshot(browser, "60-questions-moderation");

        item.findElement(By.cssSelector("form.publish button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id("question-" + published)));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).endsWith("的问题已公开。");
        given().get("/api/public/questions/" + published).then().statusCode(200);
        assertThat(given().get("/api/public/questions/" + published).jsonPath().getString("text"))
                .isEqualTo("桥头【门牌已隐去】旁的路灯不亮，我的电话【电话已隐去】");

        // Kept private needs a reason: refused at the field, then recorded.
        browser.findElement(By.cssSelector("#question-" + kept + " form.keep-private button[type=submit]")).click();
        WebElement error = Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("reason-" + kept + "-error")));
        assertThat(error.getText()).startsWith("请写明不公开的理由");
        browser.findElement(By.id("reason-" + kept)).sendKeys("涉及邻里纠纷，转人民调解");
        browser.findElement(By.cssSelector("#question-" + kept + " form.keep-private button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id("question-" + kept)));
        assertThat(browser.findElements(By.cssSelector(".notice"))).extracting(WebElement::getText)
                .anyMatch(text -> text.endsWith("的问题不公开：涉及邻里纠纷，转人民调解。"));
        given().get("/api/public/questions/" + kept).then().statusCode(404);
        Browser.screenshot(browser, "61-questions-moderated");

        // The published question's reply waits here in its turn.
        asOffice().post("/api/cases/" + published + "/commands/sign-for").then().statusCode(200);
        asOffice().body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + published + "/commands/handling").then().statusCode(200);
        asOffice().body(Map.of("text", "已报修，请拨打13712345678的居民留意")).post("/api/cases/" + published + "/commands/reply").then().statusCode(200);
        browser.get(base + "console/questions");
        WebElement answer = browser.findElement(By.id("answer-" + published));
        assertThat(answer.findElement(By.cssSelector(".question-context")).getText()).contains("桥头【门牌已隐去】");
        answer.findElement(By.cssSelector("form.publish button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id("answer-" + published)));
        assertThat(given().get("/api/public/questions/" + published).jsonPath().getString("answer"))
                .isEqualTo("已报修，请拨打【电话已隐去】的居民留意");
        assertThat(List.of(browser.findElement(By.cssSelector("nav")).getText().split("\\s+"))).contains("问答");
    }

    private static String ask(MiniProgramResident r, Fixtures town, String text) {
        return r.api().header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("text", text, "villageId", town.villageId(), "categoryId", town.categoryId(), "anonymous", false))
                .post("/api/mp/questions").then().statusCode(201).extract().path("caseId");
    }
}
