package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.routing.RoutingPolicy;
import cn.lianxin.testing.Api;
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

/** 派单 in a real browser: the liaison sees why routing could not place a case, weighs the candidates and assigns one. */
@QuarkusTest
class ConsoleDispatchTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aLiaisonAssignsAnUnplacedCaseFromTheQueueToTheRepresentativeTheyChoose() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        // A village no workstation covers: routing cannot place the case, it waits in the town's queue.
        long north = town.village(Api.unique("北村"));
        String earlier = unplaced(town, north, "北村的水渠堵了，田里积水");
        String caseId = unplaced(town, north, "北村村口的路灯坏了三个月了<script>alert(1)</script>");
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), team.liaison(), Team.PASSWORD);
        browser.get(base + "console/dispatch");
        WebElement card = browser.findElement(By.id("case-" + caseId));
        assertThat(card.findElement(By.cssSelector(".why")).getText()).contains(RoutingPolicy.NO_WORKSTATION);
        assertThat(card.findElement(By.cssSelector(".resident-text")).getText()).contains("<script>alert(1)</script>");
        // Oldest first: the case registered earlier comes before.
        List<String> order = browser.findElements(By.cssSelector(".queue-item")).stream().map(e -> e.getAttribute("id")).toList();
        assertThat(order).containsSubsequence("case-" + earlier, "case-" + caseId);
        Browser.screenshot(browser, "30-dispatch-queue");

        card.findElement(By.xpath(".//button[text()='分派']")).click();
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#assign-" + caseId + " .choice")));
        List<WebElement> choices = browser.findElements(By.cssSelector("#assign-" + caseId + " .choice"));
        // The same candidates, scores and reasons as the API proposes, in the same order.
        JsonPath api = Team.as(team.liaison()).get("/api/cases/" + caseId + "/candidates").then().statusCode(200).extract().jsonPath();
        assertThat(choices.stream().map(c -> c.findElement(By.cssSelector(".choice-name")).getText()).toList())
                .isEqualTo(api.getList("name"));
        assertThat(api.getList("name", String.class)).containsExactlyInAnyOrder("组长", "代表甲", "代表乙");
        WebElement first = browser.findElement(By.cssSelector("#assign-" + caseId + " .choice[data-representative='" + team.firstId() + "']"));
        assertThat(first.findElement(By.cssSelector(".score")).getText()).isEqualTo("5 分");
        assertThat(first.findElements(By.cssSelector(".reasons li")).stream().map(WebElement::getText).toList())
                .containsExactly("本村所在选区的代表 (+5)", "当前无在办件");
        Browser.screenshot(browser, "31-dispatch-candidates");

        first.findElement(By.cssSelector("button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id("case-" + caseId)));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .contains("诉求 " + number + " 已分派给 代表甲");
        assertThat(browser.findElements(By.id("case-" + earlier))).hasSize(1);
        Browser.screenshot(browser, "32-dispatch-assigned");

        asOffice().get("/api/cases/" + caseId).then().statusCode(200)
                .body("representativeId", equalTo((int) team.firstId()))
                .body("workstationId", equalTo((int) team.workstationId()));
        // Out of the queue for good: a fresh page no longer lists it.
        browser.get(base + "console/dispatch");
        assertThat(browser.findElements(By.id("case-" + caseId))).isEmpty();

        // Another town's liaison who types the still unplaced case's id finds nothing, as the API answers them.
        Team stranger = Team.at(Fixtures.town());
        Team.as(stranger.liaison()).get("/api/cases/" + earlier + "/candidates").then().statusCode(404);
        ChromeDriver other = Browser.fresh();
        Browser.signIn(other, base.toString(), stranger.liaison(), Team.PASSWORD);
        other.get(base + "console/dispatch");
        assertThat(other.findElements(By.id("case-" + earlier))).isEmpty();
        other.get(base + "console/dispatch/" + earlier + "/candidates");
        assertThat(other.findElement(By.tagName("h1")).getText()).isEqualTo("没有找到");
    }

    private static String unplaced(Fixtures town, long village, String text) {
        return asOffice().body(Map.of("residentId", town.resident(), "villageId", village, "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", text)).post("/api/cases").then().statusCode(201).extract().path("id");
    }
}
