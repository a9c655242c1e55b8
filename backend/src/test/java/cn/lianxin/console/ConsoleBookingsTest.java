package cn.lianxin.console;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * 视频预约 in a real browser: the office opens a workstation's week, books a free slot for a resident who phoned,
 * and finds the booking in the calendar and its figures; a liaison of another workstation sees none of it.
 * The clock stands on Monday 28 September 2026, 08:00 in the town.
 */
@QuarkusTest
class ConsoleBookingsTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;
    @Inject
    Pool pool;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theOfficeBooksAFreeSlotForAPhoneCallerAndSeesItInTheWeekWhichAnotherWorkstationCannotSee() {
        Fixtures town = Fixtures.town();
        Team team = mondayHours(town);
        String phone = Api.uniquePhone();
        String resident = town.resident(phone);
        String week = "console/bookings?workstationId=" + team.workstationId() + "&week=2026-09-30";

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + week);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("视频预约 · 9月28日–10月4日");
        assertThat(browser.findElement(By.cssSelector("table.booking-week thead")).getText()).contains("9月28日 周一", "10月4日 周日");
        WebElement row = representativeRow(browser, "代表甲");
        assertThat(row.findElements(By.cssSelector(".slot-free")).stream().map(WebElement::getText))
                .containsExactly("09:00 空闲", "09:40 空闲");
        assertThat(browser.findElement(By.id("figure-offered")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("figure-booked")).getText()).isEqualTo("0");

        // A resident phones: found by number (shown masked), the 09:40 slot picked, the topic typed.
        browser.findElement(By.id("q")).sendKeys(phone);
        browser.findElement(By.cssSelector("#resident-search button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("label[for='resident-" + resident + "']")));
        assertThat(browser.findElement(By.id("resident-matches")).getText()).contains("李大爷", phone.substring(0, 3) + "****" + phone.substring(7));
        browser.findElement(By.cssSelector("label[for='resident-" + resident + "']")).click();
        new Select(browser.findElement(By.id("slot"))).selectByValue(team.firstId() + "|2026-09-28T09:40+08:00");
        browser.findElement(By.id("topic")).sendKeys("想和代表谈谈村里的低保评定");
        Browser.screenshot(browser, "70-bookings-week-booking-for-a-caller");
        browser.findElement(By.cssSelector("#booking-form button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("booking-state")));

        // The booking's detail: the resident masked, the topic, the case it registered.
        String bookingId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(browser.findElement(By.id("booking-state")).getText()).isEqualTo("已预约");
        assertThat(browser.findElement(By.id("booking-representative")).getText()).isEqualTo("代表甲");
        assertThat(browser.findElement(By.id("booking-resident")).getText()).isEqualTo("李** · " + phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(browser.getPageSource()).doesNotContain(phone);
        assertThat(browser.findElement(By.id("booking-topic")).getText()).isEqualTo("想和代表谈谈村里的低保评定");
        JsonPath booking = asOffice().queryParam("workstationId", team.workstationId()).queryParam("from", "2026-09-28")
                .queryParam("to", "2026-09-28").get("/api/bookings").then().statusCode(200).extract().jsonPath();
        assertThat(booking.getString("[0].id")).isEqualTo(bookingId);
        assertThat(booking.getBoolean("[0].bookedByStaff")).isTrue();
        String caseId = booking.getString("[0].caseId");
        assertThat(browser.findElement(By.id("booking-case")).getAttribute("href")).endsWith("/console/cases/" + caseId);
        asOffice().get("/api/cases/" + caseId).then().statusCode(200)
                .body("residentId", org.hamcrest.Matchers.equalTo(resident)).body("channel", org.hamcrest.Matchers.equalTo("VIDEO"));
        Browser.screenshot(browser, "71-bookings-detail");

        // Back in the week: 09:40 is booked, 09:00 still free, and the figures count it.
        browser.get(base + week);
        row = representativeRow(browser, "代表甲");
        WebElement booked = row.findElement(By.cssSelector(".slot-booked"));
        assertThat(booked.getText()).isEqualTo("09:40 已预约");
        assertThat(booked.getAttribute("href")).endsWith("/console/bookings/" + bookingId);
        assertThat(row.findElements(By.cssSelector(".slot-free")).stream().map(WebElement::getText)).containsExactly("09:00 空闲");
        assertThat(browser.findElement(By.id("figure-booked")).getText()).isEqualTo("1");
        Browser.screenshot(browser, "72-bookings-week-booked");

        // A liaison of another workstation sees their own week only: not this booking, not this workstation.
        Team other = Team.at(town, Team.secondWorkstation(town));
        browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), other.liaison(), Team.PASSWORD);
        browser.get(base + "console/bookings?week=2026-09-28");
        assertThat(browser.findElements(By.id("workstationId"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".slot-booked"))).isEmpty();
        // Its own representatives publish no hours: not one slot of the first workstation's shows.
        assertThat(browser.findElements(By.cssSelector(".slot"))).isEmpty();
        assertThat(browser.findElement(By.id("figure-offered")).getText()).isEqualTo("0");
        Browser.screenshot(browser, "73-bookings-other-liaison");
        browser.get(base + week);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问");
        browser.get(base + "console/bookings/" + bookingId);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotEqualTo("视频预约 · 9月28日 09:40–10:10");
        assertThat(browser.getPageSource()).doesNotContain("想和代表谈谈村里的低保评定");
    }

    @Test
    void theOfficeMovesABookingForAResidentWhoPhonedThenCancelsItAndBothSidesAreTold() {
        Fixtures town = Fixtures.town();
        Team team = mondayHours(town);
        String phone = Api.uniquePhone();
        String resident = town.resident(phone);
        String hold = asOffice().body(Map.of("residentId", resident, "representativeId", team.firstId(), "startsAt", "2026-09-28T09:00:00+08:00"))
                .post("/api/bookings/holds").then().statusCode(201).extract().path("id");
        String caseId = asOffice().body(Map.of("holdId", hold, "topic", "村道路灯不亮")).post("/api/bookings").then().statusCode(201)
                .extract().path("caseId");

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/bookings/" + hold);
        // The resident phoned: 09:40 suits them better. The representative's free slots are offered, soonest first (not
        // 09:00, which is this booking's own).
        Select moveTo = new Select(browser.findElement(By.id("move-slot")));
        assertThat(moveTo.getOptions().stream().map(WebElement::getText)).startsWith("请选择", "9月28日 09:40 代表甲")
                .doesNotContain("9月28日 09:00 代表甲");
        moveTo.selectByValue(team.firstId() + "|2026-09-28T09:40+08:00");
        Browser.screenshot(browser, "74-bookings-detail-move");
        browser.findElement(By.cssSelector("#move-form button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.not(ExpectedConditions.urlContains(hold)));
        Browser.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("booking-state")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("视频预约 · 9月28日 09:40–10:10");
        assertThat(browser.findElement(By.id("booking-state")).getText()).isEqualTo("已预约");
        assertThat(browser.findElement(By.id("booking-topic")).getText()).isEqualTo("村道路灯不亮");
        String moved = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

        // Then they cannot come at all: cancelled after a confirmation; the actions are gone.
        browser.findElement(By.cssSelector("#cancel-form button[type=submit]")).click();
        browser.switchTo().alert().accept();
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.id("booking-state"), "已取消"));
        assertThat(browser.findElements(By.id("cancel-form"))).isEmpty();
        assertThat(browser.findElements(By.id("move-form"))).isEmpty();
        Browser.screenshot(browser, "75-bookings-detail-cancelled");

        // The resident (no mini-program: by SMS) and the representative (WeCom) heard of the move and of the cancellation.
        assertThat(Database.strings(pool, "SELECT channel::text || ' ' || template FROM outbound_message WHERE case_id = $1::uuid"
                + " AND purpose IN ('BOOKING_NOTICE', 'REP_BOOKING') AND template NOT LIKE '%CONFIRMED' ORDER BY template", caseId))
                .containsExactly("SMS BOOKING_CANCELLED", "SMS BOOKING_RESCHEDULED", "WECOM REP_BOOKING_CANCELLED", "WECOM REP_BOOKING_RESCHEDULED");
        assertThat(Database.strings(pool, "SELECT state FROM booking WHERE id IN ($1::uuid, $2::uuid) ORDER BY starts_at", hold, moved))
                .containsExactly("RESCHEDULED", "CANCELLED");
    }

    /** Monday 28 September 2026, 08:00: 代表甲 receives on Mondays 09:00–10:30, two half-hour calls ten minutes apart (09:00, 09:40). */
    private Team mondayHours(Fixtures town) {
        clock.set(OffsetDateTime.parse("2026-09-28T08:00:00+08:00").toInstant());
        Team team = Team.at(town);
        asOffice().body(Map.of("rules", List.of(Map.of("weekday", "MONDAY", "from", "09:00", "to", "10:30", "slotMinutes", 30,
                "bufferMinutes", 10)))).post("/api/representatives/" + team.firstId() + "/slot-rules").then().statusCode(200);
        return team;
    }

    private static WebElement representativeRow(ChromeDriver browser, String name) {
        return browser.findElements(By.cssSelector("table.booking-week tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().equals(name)).findFirst().orElseThrow();
    }
}
