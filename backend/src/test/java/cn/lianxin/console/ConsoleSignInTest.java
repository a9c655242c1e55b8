package cn.lianxin.console;

import static cn.lianxin.testing.Browser.script;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Sign-in, lockout, sign-out and the CSRF check, in a real browser. */
@QuarkusTest
class ConsoleSignInTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void signingInLeadsToTheDashboardAndTheSessionIsOutOfReachOfScripts() {
        ChromeDriver browser = Browser.fresh();
        browser.get(base + "console/?month=2026-01");
        assertThat(browser.getCurrentUrl()).contains("/console/login?next=%2Fconsole%2F");
        Browser.screenshot(browser, "01-sign-in");

        Browser.submitSignIn(browser, "office", Api.OFFICE_PASSWORD);
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-chart=rates-by-workstation]")));
        assertThat(browser.findElement(By.cssSelector("header.top .who")).getText()).contains("office").contains("镇党委办公室");
        assertThat(browser.manage().getCookieNamed(ConsoleSession.COOKIE).isHttpOnly()).isTrue();
        assertThat(browser.manage().getCookieNamed(ConsoleSession.COOKIE).getSameSite()).isEqualTo("Strict");
        assertThat((String) script(browser, "return document.cookie")).doesNotContain(ConsoleSession.COOKIE);

        browser.findElement(By.cssSelector("header.top button.link")).click();
        Browser.waiting(browser).until(ExpectedConditions.urlContains("/console/login"));
        browser.get(base + "console/");
        assertThat(browser.getCurrentUrl()).contains("/console/login");
    }

    @Test
    void aWrongPasswordIsRefusedAndRepeatedFailuresLockTheAccount() {
        Team team = Team.at(Fixtures.town());
        ChromeDriver browser = Browser.fresh();
        browser.get(base + "console/login");
        for (int i = 0; i < 5; i++) {
            Browser.submitSignIn(browser, team.liaison(), "wrong-password-" + i);
            assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("用户名或密码错误");
        }
        // Locked now: even the right password is refused, in the same words.
        Browser.submitSignIn(browser, team.liaison(), Team.PASSWORD);
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("用户名或密码错误");
        assertThat(browser.getCurrentUrl()).contains("/console/login");
        Browser.screenshot(browser, "02-sign-in-refused");
    }

    @Test
    void aStateChangingRequestWithoutTheSessionsCsrfTokenIsRefused() {
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        String post = """
                const done = arguments[arguments.length - 1];
                const headers = arguments[0] ? {'X-CSRF-Token': arguments[0], 'content-type': 'application/json'} : {'content-type': 'application/json'};
                fetch('/api/categories', {method: 'POST', headers: headers, body: JSON.stringify({code: arguments[1].toLowerCase(), name: arguments[1], workField: 'GENERAL'})})
                  .then(r => r.text().then(t => done({status: r.status, body: t})));""";
        @SuppressWarnings("unchecked")
        Map<String, Object> missing = (Map<String, Object>) browser.executeAsyncScript(post, null, Api.unique("nocsrf"));
        @SuppressWarnings("unchecked")
        Map<String, Object> forged = (Map<String, Object>) browser.executeAsyncScript(post, "forged-token", Api.unique("forged"));
        assertThat(missing.get("status")).isEqualTo(403L);
        assertThat((String) missing.get("body")).contains("防伪令牌");
        assertThat(forged.get("status")).isEqualTo(403L);

        // The page's own token is accepted: the same request goes through.
        String token = (String) script(browser, "return JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token']");
        String name = Api.unique("withcsrf");
        @SuppressWarnings("unchecked")
        Map<String, Object> accepted = (Map<String, Object>) browser.executeAsyncScript(post, token, name);
        assertThat(accepted.get("status")).isEqualTo(201L);
        assertThat((String) accepted.get("body")).contains(name);
    }
}
