package cn.lianxin.channels.wecom;

import static cn.lianxin.testing.Api.asOffice;
import static cn.lianxin.testing.Browser.script;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import cn.lianxin.sandbox.SandboxGuard;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.WeComMember;
import cn.lianxin.testing.WorkbenchSignIn;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The representatives' H5 workbench in a real browser: signed in the way WeCom signs them in (the OAuth code on the
 * URL, answered by the WeCom fake), and through 沙箱登录 where WeCom is sandboxed — in this profile WeCom is live,
 * so those tests open the gate ({@link WorkbenchSandbox}) for their own method only.
 */
@QuarkusTest
class WorkbenchTest {

    private static final String TEXT = "村口的路灯坏了三个月了";

    @TestHTTPResource("/")
    URL base;

    ProviderFakes providers;

    /** A case registered at the office and assigned to the member by the office. */
    private static String assigned(Fixtures town, WeComMember member, String text) {
        String id = town.walkInCase(town.resident(), text);
        asOffice().body(Map.of("representativeId", member.id())).post("/api/cases/" + id + "/commands/assign").then().statusCode(200);
        return id;
    }

    private static String number(String caseId) {
        return asOffice().get("/api/cases/" + caseId).then().statusCode(200).extract().path("number");
    }

    private ChromeDriver signedOut() {
        return WorkbenchSignIn.signedOut(base);
    }

    private ChromeDriver openedFromWeCom(WeComMember member, String state) {
        return WorkbenchSignIn.openedFromWeCom(base, providers.wecom, member, state);
    }

    /** The case card's link: WeCom brings the member back with the case in the state, and the workbench opens it. */
    private ChromeDriver openedFromItsCard(WeComMember member, String caseId) {
        ChromeDriver browser = openedFromWeCom(member, "__cases_" + caseId);
        caseShown(browser, "登记");
        return browser;
    }

    private static void queueShown(ChromeDriver browser) {
        Browser.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h2"), "我的诉求"));
    }

    private static List<String> casesListed(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#view li[data-case]")).stream().map(e -> e.getAttribute("data-case")).toList();
    }

    private static void caseShown(ChromeDriver browser, String stateLabel) {
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.cssSelector("#case .state"), stateLabel));
    }

    private static List<String> commandsOffered(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#act button[data-command]")).stream().map(e -> e.getAttribute("data-command")).toList();
    }

    private static void give(ChromeDriver browser, String command, String nextStateLabel) {
        browser.findElement(By.cssSelector("#act button[data-command='" + command + "']")).click();
        caseShown(browser, nextStateLabel);
    }

    @Test
    void aRepresentativeSeesTheirOwnCasesAndNotAnotherWorkstations() {
        Fixtures town = Fixtures.town();
        WeComMember me = WeComMember.at(town, town.workstationId());
        WeComMember colleague = WeComMember.at(town, town.workstationId());
        WeComMember elsewhere = WeComMember.at(town, Team.secondWorkstation(town));
        String mine = assigned(town, me, TEXT);
        String alsoMine = assigned(town, me, "水渠堵了，雨天漫到路上");
        assigned(town, colleague, "同事的诉求");
        String theirs = assigned(town, elsewhere, "别的工作室的诉求");

        ChromeDriver browser = openedFromWeCom(me, null);
        queueShown(browser);
        assertThat(casesListed(browser)).containsExactlyInAnyOrder(mine, alsoMine);
        assertThat(browser.findElement(By.cssSelector("#view h2")).getText()).isEqualTo("我的诉求（2）");
        assertThat(browser.findElement(By.cssSelector("li[data-case='" + mine + "']")).getText()).contains(number(mine)).contains(TEXT).contains("登记");
        assertThat(browser.findElement(By.id("who")).getText()).contains(me.username());
        // The code was used up: it is gone from the address, so a reload does not try it again.
        assertThat(browser.getCurrentUrl()).doesNotContain("code=");
        Browser.screenshot(browser, "70-workbench-queue");

        // Another workstation's case, typed in: the API's 404, and nothing of the case shown.
        browser.get(base + "workbench/#/cases/" + theirs);
        WebElement error = Browser.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view p.error")));
        assertThat(error.getText()).isEqualTo("没有找到这件诉求：它不存在，或不在您可查看的范围内。");
        Team.as(me.username()).get("/api/cases/" + theirs).then().statusCode(404);
        assertThat(browser.findElements(By.id("case"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("别的工作室的诉求");
        Browser.screenshot(browser, "71-workbench-other-workstation-refused");
    }

    @Test
    void aRepresentativeSignsForAndRepliesFromTheWorkbenchAndTheReplyReachesTheResident() {
        Fixtures town = Fixtures.town();
        WeComMember me = WeComMember.at(town, town.workstationId());
        String id = assigned(town, me, TEXT);

        ChromeDriver browser = openedFromItsCard(me, id);
        assertThat(browser.getCurrentUrl()).endsWith("/workbench/#/cases/" + id);
        // Registered: only signing for it (or handing it on) — no reply, no handling before it is taken.
        assertThat(commandsOffered(browser)).containsExactly("sign-for", "transfer");
        Browser.screenshot(browser, "72-workbench-case-registered");

        give(browser, "sign-for", "接待");
        assertThat(commandsOffered(browser)).contains("handling:ON_THE_SPOT").doesNotContain("sign-for", "reply");
        give(browser, "handling:ON_THE_SPOT", "处理");
        assertThat(commandsOffered(browser)).contains("reply", "notes");
        browser.findElement(By.id("text")).sendKeys("已联系供电所，明天上午修好");
        give(browser, "reply", "回复");
        assertThat(browser.findElement(By.id("case")).getText()).contains("已答复：已联系供电所，明天上午修好");
        assertThat(browser.findElement(By.cssSelector("#view ol.record")).getText()).isNotEmpty();
        Browser.screenshot(browser, "73-workbench-replied");

        // The resident (a walk-in, so by SMS) was sent the answer.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asOffice().queryParam("caseId", id).queryParam("channel", "SMS")
                .get("/api/messages").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items"))
                .anySatisfy(m -> {
                    assertThat(m.get("template")).isEqualTo("CASE_REPLY");
                    assertThat((String) m.get("body")).contains("已联系供电所，明天上午修好");
                    assertThat(m.get("status")).isIn("SENT", "DELIVERED");
                }));
        asOffice().get("/api/cases/" + id + "/activity").then().body("find { it.action == 'REPLY' }.actor", org.hamcrest.Matchers.equalTo(me.username()));
    }

    @Test
    void aCaseWaitingForAnInstructionOffersNoReply() {
        Fixtures town = Fixtures.town();
        WeComMember me = WeComMember.at(town, town.workstationId());
        String id = assigned(town, me, TEXT);

        ChromeDriver browser = openedFromItsCard(me, id);
        give(browser, "sign-for", "接待");
        give(browser, "handling:ESCALATE_FOR_INSTRUCTION", "处理");
        // 请示办: the core allows no reply until the instruction is recorded, so the workbench offers none.
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#act button[data-command=notes]")));
        assertThat(commandsOffered(browser)).containsExactly("notes", "escalate", "transfer");
        assertThat(browser.findElements(By.id("files"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#case .notice")).getText()).isEqualTo("已请示，等待批复：批复记录后才能答复居民。");
        Browser.screenshot(browser, "74-workbench-awaiting-instruction");
    }

    @Test
    void aResidentsTextWithMarkupShowsAsText() {
        Fixtures town = Fixtures.town();
        WeComMember me = WeComMember.at(town, town.workstationId());
        String text = "<script>window.pwned = true</script><img src=x onerror=\"window.pwned = true\"> 路灯<b>不亮</b>";
        String id = assigned(town, me, text);

        ChromeDriver browser = openedFromWeCom(me, null);
        queueShown(browser);
        assertThat(browser.findElement(By.cssSelector("li[data-case='" + id + "'] p")).getText()).isEqualTo(text);
        browser.findElement(By.cssSelector("li[data-case='" + id + "'] a")).click();
        caseShown(browser, "登记");
        assertThat(browser.findElement(By.cssSelector("#case p.text")).getText()).isEqualTo(text);
        assertThat(browser.findElements(By.cssSelector("#view script, #view img, #view p b"))).isEmpty();
        assertThat(script(browser, "return window.pwned === undefined")).isEqualTo(true);
        Browser.screenshot(browser, "75-workbench-markup-as-text");
    }

    @Test
    void theSandboxSignInListsRepresentativesAndSignsInAsOneWithTheirWeComToken() {
        QuarkusMock.installMockForType(new WorkbenchSandbox(true, new SandboxGuard(List.of("test"), List.of(), false)), WorkbenchSandbox.class);
        Fixtures town = Fixtures.town();
        WeComMember me = WeComMember.at(town, town.workstationId());
        WeComMember colleague = WeComMember.at(town, town.workstationId());
        String id = assigned(town, me, TEXT);

        given().get("/api/sandbox/workbench/representatives").then().log().ifValidationFails().statusCode(200)
                .body("find { it.representativeId == " + me.id() + " }.username", org.hamcrest.Matchers.equalTo(me.username()));

        ChromeDriver browser = signedOut();
        browser.get(base + "workbench/");
        WebElement title = Browser.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-title")));
        assertThat(title.getText()).contains("沙箱登录");
        assertThat(browser.findElement(By.cssSelector(".sandbox")).getText()).contains("仅限本地沙箱环境").contains("正式环境没有此入口");
        Browser.screenshot(browser, "76-workbench-sandbox-sign-in");
        assertThat(browser.findElements(By.cssSelector("button[data-representative]")).stream().map(b -> b.getAttribute("data-representative")))
                .contains(Long.toString(me.id()), Long.toString(colleague.id()));
        WebElement choice = browser.findElement(By.cssSelector("button[data-representative='" + me.id() + "']"));
        assertThat(choice.getText()).contains("企微代表").contains(me.username());
        Browser.screenshot(browser, "76-workbench-sandbox-sign-in");

        choice.click();
        queueShown(browser);
        assertThat(casesListed(browser)).containsExactly(id);
        assertThat(browser.findElement(By.id("who")).getText()).contains("沙箱登录").contains("企微代表");
        Browser.screenshot(browser, "77-workbench-sandbox-queue");

        // The token is the one the representative's WeCom sign-in gives: same holder, role and scope.
        String sandboxToken = (String) script(browser, "return sessionStorage.getItem('lianxin.workbench.token')");
        String weComToken = WorkbenchSignIn.started(null).code(me.signInCode(providers.wecom)).get("/api/wecom/oauth").then().statusCode(200)
                .extract().path("token");
        assertThat(scope(sandboxToken)).isEqualTo(scope(weComToken)).containsEntry("rep", (int) me.id());

        browser.findElement(By.id("switch")).click();
        Browser.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-title")));
        assertThat(browser.findElement(By.id("who")).getText()).isEmpty();
    }

    /** Who a token is for and what it lets them see, without its times. */
    private static Map<String, Object> scope(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Map<String, Object> claims = new java.util.HashMap<>(JsonPath.from(payload).getMap(""));
        claims.keySet().removeAll(List.of("iat", "exp", "jti", "auth_time"));
        return claims;
    }

    @Test
    void theSandboxSignInDoesNotExistWhileWeComIsLive() {
        Fixtures town = Fixtures.town();
        WeComMember me = WeComMember.at(town, town.workstationId());
        given().get("/api/sandbox/workbench/representatives").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("representativeId", me.id())).post("/api/sandbox/workbench/sign-in").then()
                .statusCode(404).body("detail", containsString("sandbox"));

        // The page offers no list: it sends the member to WeCom's sign-in (blocked here, this machine is offline).
        ChromeDriver browser = signedOut();
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*open.weixin.qq.com*")));
        try {
            browser.get(base + "workbench/");
            Browser.waiting(browser).until(ExpectedConditions.urlContains("open.weixin.qq.com/connect/oauth2/authorize"));
            assertThat(browser.getCurrentUrl()).contains("redirect_uri=https%3A%2F%2Flianxin.test%2Fworkbench%2F");
        } finally {
            browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    @Test
    void theSandboxGateStaysShutOutsideTheLocalAndTestProfilesAndWithWeComLive() {
        SandboxGuard acknowledgedProduction = new SandboxGuard(List.of("prod"), List.of("lianxin.wecom.sandbox"), true);
        assertThat(new WorkbenchSandbox(true, acknowledgedProduction).open()).isFalse();
        assertThat(new WorkbenchSandbox(false, new SandboxGuard(List.of("local"), List.of(), false)).open()).isFalse();
        assertThat(new WorkbenchSandbox(true, new SandboxGuard(List.of("local"), List.of("lianxin.wecom.sandbox"), false)).open()).isTrue();
    }
}
