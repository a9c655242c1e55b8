package cn.lianxin.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.broadcasts.BroadcastSender;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.BroadcastSteps;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.Workers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** 政策 in a real browser: compose with the live preview, approval by a second office account, progress, funnel, recipients. */
@QuarkusTest
class BroadcastsPageTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    BroadcastSender sender;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void composedByOneAccountApprovedByAnotherThenItsProgressFunnelAndRecipientsShow() {
        clock.set(Instant.parse("2026-12-02T02:00:00Z")); // 10:00 in Beijing: SMS may go
        Fixtures town = Fixtures.town();
        String first = Api.uniquePhone();
        String second = Api.uniquePhone();
        town.resident(first);
        town.resident(second);
        String approver = BroadcastSteps.secondOfficeAccount();

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/broadcasts");
        browser.findElement(By.cssSelector("a[href='/console/broadcasts/new']")).click();
        new Select(browser.findElement(By.id("townId"))).selectByValue(String.valueOf(town.townId()));
        browser.findElement(By.cssSelector("input[name=scope][value=villages]")).click();
        new Select(browser.findElement(By.id("villageIds"))).selectByValue(String.valueOf(town.villageId()));
        browser.findElement(By.id("title")).sendKeys("2027年城乡居民医保缴费");
        browser.findElement(By.id("summary")).sendKeys("缴费时间、标准和渠道");
        browser.findElement(By.id("body")).sendKeys("即日起至12月31日……");
        Browser.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-preview=sms]"),
                "2027年城乡居民医保缴费"));
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.cssSelector("[data-preview=audience]"), "2"));
        assertThat(browser.findElement(By.cssSelector("[data-preview=sms]")).getText())
                .startsWith("【连心桥测试】测试镇" + town.townCode() + "政策解读：2027年城乡居民医保缴费。").doesNotContain("拒收请回复R");
        assertThat(browser.findElement(By.cssSelector("[data-preview=segments]")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("[data-preview=cost]")).getText()).contains("0.09 元");
        Browser.screenshot(browser, "60-broadcast-compose");

        WebElement submit = browser.findElement(By.cssSelector("#broadcast-form button[type=submit]"));
        submit.click();
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-note=own]")));
        assertThat(browser.findElements(By.cssSelector("[data-action=approve]"))).isEmpty();
        String detail = browser.getCurrentUrl();

        // The second office account approves.
        browser.manage().deleteAllCookies();
        Browser.signIn(browser, base.toString(), approver, TestSecrets.STAFF_PASSWORD);
        browser.get(detail);
        browser.findElement(By.cssSelector("[data-action=approve]")).click();
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.cssSelector("[data-broadcast-state]"), "已审核待发送"));
        Browser.screenshot(browser, "61-broadcast-approved");

        // The sender's rounds, as the scheduler would run them; the page follows by polling.
        for (int i = 0; i < 3; i++) {
            Workers.runOnce(sender::runOnce);
        }
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "已发送"));
        assertThat(browser.findElement(By.cssSelector("[data-progress]")).getAttribute("value")).isEqualTo("100");
        Browser.chartsDrawn(browser);
        assertThat(browser.findElement(By.cssSelector("[data-figures=broadcast-funnel] tbody")).getText()).contains("短信 2 2 0 0 0 0 0");
        Browser.screenshot(browser, "62-broadcast-funnel");

        new Select(browser.findElement(By.id("status"))).selectByValue("SENT");
        Browser.waiting(browser).until(ExpectedConditions.urlContains("status=SENT"));
        assertThat(browser.findElements(By.cssSelector("[data-table=recipients] tbody tr"))).hasSize(2);
        String masked = BroadcastSteps.masked(first);
        assertThat(browser.findElement(By.cssSelector("[data-table=recipients]")).getText()).contains(masked, "已发送");
        assertThat(browser.getPageSource()).doesNotContain(first);
        Browser.screenshot(browser, "63-broadcast-recipients");

        String csv = (String) Browser.script(browser, "const x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send(); return x.responseText;",
                browser.findElement(By.cssSelector("[data-export=csv]")).getAttribute("href"));
        assertThat(csv).startsWith("姓名,手机号,村,渠道,状态,说明,时间").contains(masked).doesNotContain(first);
    }
}
