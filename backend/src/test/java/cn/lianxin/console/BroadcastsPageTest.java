package cn.lianxin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.broadcasts.BroadcastSender;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.BroadcastSteps;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.Workers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import cn.lianxin.testing.Database;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.net.URL;
import java.util.List;
import java.util.Map;
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
    @Inject
    Pool pool;

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

        // Aliyun reports the first SMS delivered, the second resident answers it with a question: the figures follow.
        String id = detail.substring(detail.lastIndexOf('/') + 1).replaceAll("[?#].*", "");
        String batch = Database.strings(pool, "SELECT d.batch_id || ' ' || d.provider_message_id FROM broadcast_delivery d JOIN resident r"
                + " ON r.id = d.resident_id WHERE d.broadcast_id = $1 AND d.channel = 'SMS' AND r.phone_masked = $2", UUID.fromString(id), masked).get(0);
        BroadcastSteps.receipt(first, batch.split(" ")[1], "bc-" + batch.split(" ")[0], true, "DELIVERED");
        BroadcastSteps.otherCategory();
        BroadcastSteps.text(second, "我家老人的医保卡丢了怎么补办");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(pool,
                "SELECT count(*) FROM broadcast_question WHERE broadcast_id = $1", UUID.fromString(id)) == 1 && Database.count(pool,
                "SELECT count(*) FROM broadcast_delivery WHERE broadcast_id = $1 AND status = 'DELIVERED'", UUID.fromString(id)) == 1);
        browser.get(detail);
        List<String> figures = browser.findElements(By.cssSelector("[data-table=broadcast-figures] tbody tr")).stream().map(WebElement::getText).toList();
        // 村, 发给居民, 已触达, 触达率, 小程序居民, 已读, 阅读率, 疑问
        assertThat(figures).containsExactly("东村 2 1 50.0% 0 0 — 1", "合计 2 1 50.0% 0 0 — 1");
        Browser.screenshot(browser, "64-broadcast-figures");
    }

    @Test
    void anAnsweredQuestionIsPublishedFromTheBroadcastPageInTheOfficesWordsAsThePolicysFaq() {
        clock.set(Instant.parse("2026-12-02T02:00:00Z"));
        BroadcastSteps.otherCategory();
        Fixtures town = Fixtures.town();
        MiniProgramResident resident = MiniProgramResident.login();
        resident.api().body(Map.of("villageId", town.villageId())).put("/api/mp/me").then().statusCode(200);
        String id = BroadcastSteps.compose(List.of(town.villageId()), "冬季取暖补贴");
        BroadcastSteps.approve(id);
        Workers.runOnce(sender::runOnce);
        String caseId = BroadcastSteps.ask(resident, id, "我家是低保户，张大爷家能多领吗？");
        BroadcastSteps.answerAsOffice(caseId, "低保户按标准的1.5倍发放。");

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/broadcasts/" + id);
        assertThat(browser.findElement(By.cssSelector("[data-list=questions]")).getText())
                .contains("问：我家是低保户，张大爷家能多领吗？", "答：低保户按标准的1.5倍发放。");
        assertThat(browser.findElements(By.cssSelector("[data-published]"))).isEmpty();
        // The office takes the neighbour's name out before publishing.
        WebElement question = browser.findElement(By.cssSelector("[data-list=questions] textarea[name=question]"));
        question.clear();
        question.sendKeys("低保户能多领吗？");
        browser.findElement(By.cssSelector("[data-action=publish-faq]")).click();
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-published]")));
        Browser.screenshot(browser, "65-broadcast-faq");

        resident.api().get("/api/mp/policies/" + id).then().statusCode(200)
                .body("faq.question", equalTo(List.of("低保户能多领吗？"))).body("faq.answer", equalTo(List.of("低保户按标准的1.5倍发放。")));
    }
}
