package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.channels.sms.UplinkProcessor;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.Workers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** 消息 in a real browser: the message log with its filters and the parked work with its retry. */
@QuarkusTest
class MessagesPageTest {

    private static final Duration PIPELINE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Inject
    UplinkProcessor uplinks;

    private ChromeDriver asOfficeIn(String path) {
        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + path);
        return browser;
    }

    @Test
    void theLogFilteredByCaseAndStatusShowsTheAcknowledgementThatWentOutWithItsStatus() {
        Fixtures town = Fixtures.town();
        String phone = Api.uniquePhone();
        String caseId = town.walkInCase(town.resident(phone), "门前的排水沟堵了");
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");
        await().atMost(PIPELINE).untilAsserted(() -> asOffice().queryParam("caseId", caseId).queryParam("status", "SENT")
                .get("/api/messages").then().body("total", equalTo(1)));

        ChromeDriver browser = asOfficeIn("console/messages");
        browser.findElement(By.id("case")).sendKeys(number);
        new Select(browser.findElement(By.id("status"))).selectByValue("SENT");
        WebElement filter = browser.findElement(By.cssSelector("form.filters button[type=submit]"));
        filter.click();
        Browser.waiting(browser).until(ExpectedConditions.stalenessOf(filter));

        List<WebElement> rows = browser.findElements(By.cssSelector("table.messages tbody tr[data-status]"));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.getAttribute("data-status")).isEqualTo("SENT");
            assertThat(row.getText()).contains("短信", "已发送", "李大爷", phone.substring(0, 3) + "****" + phone.substring(7), number);
        });
        assertThat(browser.getPageSource()).doesNotContain(phone);
        assertThat(browser.findElement(By.cssSelector("table.messages a[href='/console/cases/" + caseId + "']")).getText()).isEqualTo(number);
        Browser.screenshot(browser, "43-messages-filtered");

        // The same case's messages that failed: none.
        browser.get(base + "console/messages?status=FAILED&case=" + number);
        assertThat(browser.findElements(By.cssSelector("table.messages tbody tr[data-status]"))).isEmpty();
    }

    @Test
    void theDashboardsLinkOpensTheFailedMessagesOfThePeriodAndABadDateIsShownAtItsField() {
        ChromeDriver browser = asOfficeIn("console/messages?status=FAILED&from=2026-11-01&to=2026-11-30");
        assertThat(new Select(browser.findElement(By.id("status"))).getFirstSelectedOption().getText()).isEqualTo("发送失败");
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo("2026-11-01");
        assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo("2026-11-30");
        assertThat(browser.findElements(By.cssSelector("table.messages tbody tr[data-status]")))
                .allSatisfy(row -> assertThat(row.getAttribute("data-status")).isEqualTo("FAILED"));

        browser.get(base + "console/messages?from=2026-13-01&case=" + Api.unique("NOPE"));
        assertThat(browser.findElement(By.id("from-error")).getText()).contains("日期");
        assertThat(browser.findElement(By.id("case-error")).getText()).contains("没有编号为");
    }

    @Test
    void aParkedItemIsRetriedFromThePageAndIsNoLongerParked() {
        Fixtures.town(); // the town a texted concern is registered in
        int status = asOffice().body(Map.of("code", "other", "name", "其他", "workField", "GENERAL")).post("/api/categories").statusCode();
        assertThat(status).isIn(201, 409);
        String phone = Api.uniquePhone();
        String concern = "自来水管又爆了" + ThreadLocalRandom.current().nextInt(1_000_000);
        String refusal = "refuse_" + Long.toString(System.nanoTime(), 36);
        // The database refuses the case this text would become, as a fault would, until the test lifts it.
        Database.update(pool, "CREATE FUNCTION " + refusal + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'case refused by the test'; END $$");
        Database.update(pool, "CREATE TRIGGER " + refusal + " BEFORE INSERT ON cases FOR EACH ROW WHEN (NEW.text = '" + concern + "')"
                + " EXECUTE FUNCTION " + refusal + "()");
        try {
            long sequence = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
            given().contentType(ContentType.JSON).body("""
                    [{"phone_number":"%s","content":"%s","send_time":"2026-11-27 09:15:02","dest_code":"","sequence_id":%d}]"""
                    .formatted(phone, concern, sequence)).post("/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-up").then().statusCode(200);
            long uplink = Database.count(pool, "SELECT id FROM sms_uplink WHERE content = $1", concern);
            await().atMost(PIPELINE).until(() -> Workers.runOnce(uplinks::runOnce) >= 0
                    && Database.count(pool, "SELECT count(*) FROM sms_uplink WHERE id = $1 AND parked_at IS NOT NULL", uplink) == 1);

            ChromeDriver browser = asOfficeIn("console/messages#parked");
            WebElement row = browser.findElement(By.id("parked-sms-uplink-" + uplink));
            assertThat(row.getText()).contains("居民短信", "3", "case refused by the test");
            Browser.screenshot(browser, "44-messages-parked");

            Database.update(pool, "DROP TRIGGER " + refusal + " ON cases");
            row.findElement(By.tagName("button")).click();
            Browser.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("parked-sms-uplink-" + uplink), "已重新排队"));
            assertThat(browser.findElement(By.id("parked-sms-uplink-" + uplink)).findElements(By.tagName("button"))).isEmpty();
            Browser.screenshot(browser, "45-messages-parked-retried");

            assertThat(asOffice().queryParam("size", 200).get("/api/work/parked").then().statusCode(200).extract()
                    .<List<Object>>path("items.findAll { it.queue == 'sms-uplink' && it.id == " + uplink + " }")).isEmpty();
            await().atMost(PIPELINE).until(() -> Workers.runOnce(uplinks::runOnce) >= 0
                    && Database.count(pool, "SELECT count(*) FROM cases WHERE text = $1", concern) == 1);
            browser.navigate().refresh();
            assertThat(browser.findElements(By.id("parked-sms-uplink-" + uplink))).isEmpty();
        } finally {
            Database.update(pool, "DROP TRIGGER IF EXISTS " + refusal + " ON cases");
            Database.update(pool, "DROP FUNCTION IF EXISTS " + refusal + "()");
        }
    }
}
