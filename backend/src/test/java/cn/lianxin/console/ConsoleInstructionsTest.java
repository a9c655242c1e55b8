package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** 请示 in a real browser: the group leader reads what was asked and records the instruction. */
@QuarkusTest
class ConsoleInstructionsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theGroupLeaderRecordsTheInstructionAndTheCaseNoLongerWaits() {
        Team team = Team.at(Fixtures.town());
        String caseId = escalated(team, "需要镇里协调水利站清淤，请示是否列入本月计划。");
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), team.leader(), Team.PASSWORD);
        browser.get(base + "console/instructions");
        WebElement card = browser.findElement(By.id("case-" + caseId));
        assertThat(card.findElement(By.cssSelector(".request")).getText()).isEqualTo("请示：需要镇里协调水利站清淤，请示是否列入本月计划。");
        assertThat(card.findElement(By.cssSelector(".since")).getText()).startsWith("请示于 ").contains("已等待");
        Browser.screenshot(browser, "35-instructions");

        // Nothing written: refused at the field, and the case still waits.
        card.findElement(By.cssSelector("form.instruct button[type=submit]")).click();
        WebElement error = Browser.waiting(browser)
                .until(ExpectedConditions.presenceOfElementLocated(By.id("instruction-" + caseId + "-error")));
        assertThat(error.getText()).isEqualTo("请填写批示内容");
        Browser.screenshot(browser, "36-instruction-refused");

        browser.findElement(By.id("instruction-" + caseId)).sendKeys("同意列入本月清淤计划，由水利站负责");
        browser.findElement(By.cssSelector("#case-" + caseId + " form.instruct button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id("case-" + caseId)));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .isEqualTo("诉求 " + number + " 的批示已记录，交回承办代表 代表甲 继续办理并答复。");
        Browser.screenshot(browser, "37-instruction-recorded");

        JsonPath c = asOffice().get("/api/cases/" + caseId).then().statusCode(200).extract().jsonPath();
        assertThat(c.getBoolean("awaitingInstruction")).isFalse();
        assertThat(c.getList("allowedCommands", String.class)).doesNotContain("RECORD_INSTRUCTION");
        List<String> record = asOffice().get("/api/cases/" + caseId + "/activity").then().statusCode(200).extract().jsonPath()
                .getList("detail");
        assertThat(record).contains("批示：同意列入本月清淤计划，由水利站负责");
        browser.get(base + "console/instructions");
        assertThat(browser.findElements(By.id("case-" + caseId))).isEmpty();
    }

    @Test
    void aLiaisonSeesTheWaitingCaseButIsNotOfferedTheInstruction() {
        Team team = Team.at(Fixtures.town());
        String caseId = escalated(team, "请示镇里是否统一报修。");
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), team.liaison(), Team.PASSWORD);
        browser.get(base + "console/instructions");
        WebElement card = browser.findElement(By.id("case-" + caseId));
        assertThat(card.findElements(By.cssSelector("form.instruct"))).isEmpty();
        assertThat(card.getText()).contains("由组长或镇党委办公室批示");
        // Had they sent it anyway, the core refuses it as the API does.
        Team.as(team.liaison()).body(Map.of("text", "同意")).post("/api/cases/" + caseId + "/commands/instruction").then().statusCode(403);
    }

    /** Assigned to 代表甲, signed for, time-limited, then escalated by them with {@code asked}. */
    private static String escalated(Team team, String asked) {
        String caseId = team.town().walkInCase(team.town().resident(), "村里的水渠淤塞，雨天积水进屋");
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + caseId + "/commands/assign")
                .then().statusCode(200);
        Team.as(team.first()).post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(200);
        Team.as(team.first()).body(Map.of("handlingClass", "TIME_LIMITED")).post("/api/cases/" + caseId + "/commands/handling")
                .then().statusCode(200);
        Team.as(team.first()).body(Map.of("text", asked)).post("/api/cases/" + caseId + "/commands/escalate").then().statusCode(200);
        return caseId;
    }
}
