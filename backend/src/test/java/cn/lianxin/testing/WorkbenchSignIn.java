package cn.lianxin.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URL;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WeCom sign-in to the workbench as a browser makes it: it sets off for WeCom's authorization URL (which gives it
 * the state cookie and the state WeCom hands back), then exchanges WeCom's code carrying both.
 */
public record WorkbenchSignIn(String cookie, String state) {

    public static final String COOKIE = "lianxin_wecom_state";
    private static final Pattern STATE = Pattern.compile("[?&]state=([A-Za-z0-9_-]*)");

    /** Set off for WeCom, with the page's own state (the case to open) or none. */
    public static WorkbenchSignIn started(String pageState) {
        RequestSpecification request = given();
        if (pageState != null) {
            request.queryParam("state", pageState);
        }
        Response response = request.get("/api/wecom/oauth/authorize-url").then().statusCode(200).extract().response();
        return new WorkbenchSignIn(response.getCookie(COOKIE), stateOf(response.path("url")));
    }

    /** The state in an authorization URL (or one WeCom redirected to). */
    public static String stateOf(String url) {
        Matcher matcher = STATE.matcher(url);
        if (!matcher.find()) {
            throw new AssertionError("no state in " + url);
        }
        return matcher.group(1);
    }

    /** The sign-in request with WeCom's code, from the browser that set off. */
    public RequestSpecification code(String code) {
        return given().cookie(COOKIE, cookie).queryParam("state", state).queryParam("code", code);
    }

    /** The staff token a member's WeCom code signs in to. */
    public static String token(String code) {
        return started(null).code(code).get("/api/wecom/oauth").then().statusCode(200).extract().path("token");
    }

    /** The shared browser with no workbench token: sessionStorage outlives navigation within the tab. */
    public static ChromeDriver signedOut(URL base) {
        ChromeDriver browser = Browser.fresh();
        browser.get(base + "workbench/workbench.css");
        Browser.script(browser, "sessionStorage.clear()");
        return browser;
    }

    /**
     * As WeCom returns a member to the workbench after their tap: the browser set off for WeCom's authorization
     * (which gave it the state cookie), and comes back with a code and the state, the page to open inside it.
     */
    public static ChromeDriver openedFromWeCom(URL base, WireMockServer wecom, WeComMember member, String state) {
        ChromeDriver browser = signedOut(base);
        browser.get(base + "api/wecom/oauth/authorize-url" + (state == null ? "" : "?state=" + state));
        String bound = stateOf(browser.findElement(By.tagName("body")).getText());
        browser.get(base + "workbench/?code=" + member.signInCode(wecom) + "&state=" + bound);
        return browser;
    }
}
