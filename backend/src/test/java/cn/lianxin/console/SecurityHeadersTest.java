package cn.lianxin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The browser-facing pages forbid foreign scripts, framing and leaking referrers, and still work under that policy. */
@QuarkusTest
class SecurityHeadersTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theConsoleAndTheWorkbenchSendTheirSecurityHeaders() {
        pageHeaders(given().redirects().follow(false).get("/console/login").then().statusCode(200));
        pageHeaders(given().get("/workbench/").then().statusCode(200));
        // A page the caller may not see is answered under the same policy.
        pageHeaders(given().redirects().follow(false).get("/console/").then());
    }

    @Test
    void theApiIsNeverSniffedAndPlainHttpGetsNoHsts() {
        given().get("/api/cases").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void theConsoleRunsUnderItsPolicyWithoutAViolation() {
        ChromeDriver browser = Browser.fresh();
        Browser.policyViolations(browser);
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        Browser.chartsDrawn(browser);

        // The month filter sends its form by itself, through console.js now that inline handlers are refused.
        Select month = new Select(browser.findElement(By.id("month")));
        String other = month.getOptions().get(month.getOptions().size() - 1).getAttribute("value");
        month.selectByValue(other);
        Browser.waiting(browser).until(ExpectedConditions.urlContains("month=" + other));
        Browser.chartsDrawn(browser);

        // A page that works through htmx, and the workbench.
        browser.get(base + "console/dispatch");
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.top")));
        browser.get(base + "workbench/");
        Browser.waiting(browser).until(d -> Browser.script(browser, "return document.readyState").equals("complete"));

        assertThat(Browser.policyViolations(browser)).isEmpty();
    }

    private static void pageHeaders(ValidatableResponse page) {
        page.header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("same-origin"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Strict-Transport-Security", nullValue());
    }
}
