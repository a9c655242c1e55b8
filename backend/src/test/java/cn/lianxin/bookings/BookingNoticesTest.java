package cn.lianxin.bookings;

import static cn.lianxin.testing.Api.asOffice;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.testing.AliyunFake;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.WeComMember;
import cn.lianxin.testing.WechatFake;
import cn.lianxin.testing.Workers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a booking's two sides are told: the representative's card once the call's meeting is open, the reminders a
 * day and half an hour before (the resident by subscribe message, or by SMS without a consent; the representative
 * by a WeCom card joining the meeting), and a cancellation or a move — each once, through the providers' fakes.
 * The slots are Monday 28 September 2026, 09:00–11:00 in the town, half-hour calls ten minutes apart.
 */
@QuarkusTest
class BookingNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOIN_URL = "https://meeting.tencent.com/dm/Z3pX2Q8f";

    @Inject
    Pool pool;
    @Inject
    TestClock clock;
    @Inject
    Meetings meetings;
    @Inject
    Reminders reminders;

    ProviderFakes providers;

    private WeComMember representative;

    @BeforeEach
    void publishHours() {
        at("2026-09-21T08:00:00+08:00");
        Fixtures town = Fixtures.town();
        representative = WeComMember.at(town, town.workstationId());
        asOffice().body(Map.of("rules", List.of(Map.of("weekday", "MONDAY", "from", "09:00", "to", "11:00", "slotMinutes", 30, "bufferMinutes", 10))))
                .post("/api/representatives/" + representative.id() + "/slot-rules").then().statusCode(200);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldRemindBothSidesADayAndHalfAnHourBeforeOnceEach() {
        // One resident gave two consents to the booking template; the other none, but bound their phone.
        MiniProgramResident subscribed = MiniProgramResident.login();
        for (int i = 0; i < 2; i++) {
            subscribed.api().body(Map.of("results", Map.of("tmpl-booking", "accept"))).post("/api/mp/subscriptions").then().statusCode(200);
        }
        MiniProgramResident texted = MiniProgramResident.login();
        String phone = bindPhone(texted);
        String early = book(subscribed, "2026-09-28T09:00:00+08:00", "村口路面塌陷");
        String later = book(texted, "2026-09-28T09:40:00+08:00", "医保报销");

        // The meetings open: the representative gets each booked call's card, with its time, topic and link.
        Workers.runOnce(meetings::runOnce);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cards("视频接待已预约")).extracting(c -> c.at("/textcard/description").asText())
                .containsExactlyInAnyOrder("新的视频接待 9月28日 09:00–09:30，群众所询：“村口路面塌陷”。届时点此进入会议。",
                        "新的视频接待 9月28日 09:40–10:10，群众所询：“医保报销”。届时点此进入会议。"));
        Workers.runOnce(reminders::runOnce);
        assertThat(told(early)).as("a week ahead no reminder is due").containsExactly("REP_BOOKING_CONFIRMED");

        // Sunday 10:00: both calls are within a day; a second round gives nothing more.
        at("2026-09-27T10:00:00+08:00");
        Workers.runOnce(reminders::runOnce);
        Workers.runOnce(reminders::runOnce);
        assertThat(told(early)).containsExactly("BOOKING_REMINDER", "REP_BOOKING_CONFIRMED", "REP_BOOKING_DAY_BEFORE");
        assertThat(told(later)).containsExactly("BOOKING_REMINDER", "REP_BOOKING_CONFIRMED", "REP_BOOKING_DAY_BEFORE");
        assertThat(Database.strings(pool, "SELECT state FROM booking WHERE id IN ($1::uuid, $2::uuid)", early, later)).containsOnly("REMINDED");

        // Monday 08:45 the first is half an hour away, 09:15 the second (the first has begun and is not reminded again).
        at("2026-09-28T08:45:00+08:00");
        Workers.runOnce(reminders::runOnce);
        at("2026-09-28T09:15:00+08:00");
        Workers.runOnce(reminders::runOnce);
        Workers.runOnce(reminders::runOnce);
        for (String booking : List.of(early, later)) {
            assertThat(told(booking)).containsExactly("BOOKING_REMINDER", "BOOKING_REMINDER", "REP_BOOKING_CONFIRMED", "REP_BOOKING_DAY_BEFORE",
                    "REP_BOOKING_SHORTLY_BEFORE");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(subscribeMessages(subscribed.openid())).extracting(m -> m.at("/template_id").asText() + " " + m.at("/data/time2/value").asText()
                            + " " + m.at("/data/thing1/value").asText() + " " + m.at("/page").asText())
                    .containsExactly("tmpl-booking 2026年9月28日 09:00 村口路面塌陷 pages/bookings/index",
                            "tmpl-booking 2026年9月28日 09:00 村口路面塌陷 pages/bookings/index");
            assertThat(bookingSms(phone)).containsExactly("SMS_LIANXIN_BOOKING_REMINDER 2026年9月28日 09:40",
                    "SMS_LIANXIN_BOOKING_REMINDER 2026年9月28日 09:40");
            assertThat(cards("明天的视频接待")).hasSize(2).allSatisfy(c -> assertThat(c.at("/textcard/url").asText()).isEqualTo(JOIN_URL));
            assertThat(cards("视频接待即将开始")).hasSize(2).allSatisfy(c -> assertThat(c.at("/textcard/btntxt").asText()).isEqualTo("进入会议"));
        });
        // The subscribed resident's consents were used up by the two reminders; the other's message fell back to SMS.
        subscribed.api().get("/api/mp/subscriptions").then().body("templates.find { it.templateId == 'tmpl-booking' }.remaining",
                org.hamcrest.Matchers.equalTo(0));
        assertThat(Database.strings(pool, "SELECT status::text || ' ' || coalesce(last_error, '') FROM outbound_message"
                + " WHERE resident_id = $1::uuid AND channel = 'MINIPROGRAM' AND purpose = 'BOOKING_NOTICE'", texted.id()))
                .hasSize(2).allMatch(s -> s.startsWith("FAILED fell back to SMS"));
    }

    @Test
    void shouldTellBothSidesOfACancellationAndAMoveAndRemindNeitherOfTheOldTimes() {
        MiniProgramResident resident = MiniProgramResident.login();
        String phone = bindPhone(resident);
        String cancelled = book(resident, "2026-09-28T09:00:00+08:00", "村口路面塌陷");
        String moving = book(resident, "2026-09-28T09:40:00+08:00", "医保报销");

        resident.api().post("/api/mp/bookings/" + cancelled + "/cancel").then().statusCode(200);
        String hold = resident.api().body(Map.of("representativeId", representative.id(), "startsAt", "2026-09-28T10:20:00+08:00"))
                .post("/api/mp/bookings/holds").then().statusCode(201).extract().path("holdId");
        resident.api().body(Map.of("holdId", hold)).post("/api/mp/bookings/" + moving + "/reschedule").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(bookingSms(phone)).containsExactlyInAnyOrder("SMS_LIANXIN_BOOKING_CANCELLED 2026年9月28日 09:00",
                    "SMS_LIANXIN_BOOKING_RESCHEDULED 2026年9月28日 09:40 → 2026年9月28日 10:20");
            assertThat(cards("视频接待已取消")).extracting(c -> c.at("/textcard/description").asText())
                    .containsExactly("视频接待已取消 9月28日 09:00–09:30，群众所询：“村口路面塌陷”。");
            assertThat(cards("视频接待已改期")).extracting(c -> c.at("/textcard/description").asText())
                    .containsExactly("视频接待已改期：9月28日 09:40–10:10 改为 9月28日 10:20，群众所询：“医保报销”。");
        });

        // A day before, only the booking the move made is reminded; the cancelled and the moved ones are not.
        at("2026-09-27T11:00:00+08:00");
        Workers.runOnce(reminders::runOnce);
        assertThat(Database.strings(pool, "SELECT n.booking_id::text FROM booking_notice n JOIN booking b ON b.id = n.booking_id"
                + " WHERE b.resident_id = $1::uuid AND n.kind = 'DAY_BEFORE'", resident.id())).containsExactly(hold);

        // Too close to the slot: the resident is told why, and nobody is told of a cancellation that did not happen.
        at("2026-09-28T09:00:00+08:00");
        resident.api().post("/api/mp/bookings/" + hold + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("太近"));
        assertThat(Database.count(pool, "SELECT count(*) FROM booking_notice WHERE booking_id = $1::uuid AND kind = 'CANCELLED'", hold)).isZero();
    }

    /** The templates of the notices written for the booking: the representative's, and the resident's before any fallback. */
    private List<String> told(String booking) {
        return Database.strings(pool, """
                SELECT m.template FROM outbound_message m JOIN booking b ON b.case_id = m.case_id
                WHERE b.id = $1::uuid AND m.purpose IN ('BOOKING_NOTICE', 'REP_BOOKING') AND m.channel IN ('WECOM', 'MINIPROGRAM')
                ORDER BY m.template""", booking);
    }

    private void at(String time) {
        clock.set(OffsetDateTime.parse(time).toInstant());
    }

    private String book(MiniProgramResident r, String startsAt, String topic) {
        String hold = r.api().body(Map.of("representativeId", representative.id(), "startsAt", startsAt)).post("/api/mp/bookings/holds")
                .then().statusCode(201).extract().path("holdId");
        r.api().body(Map.of("holdId", hold, "topic", topic)).post("/api/mp/bookings").then().statusCode(201);
        return hold;
    }

    private String bindPhone(MiniProgramResident r) {
        String phone = Api.uniquePhone();
        String code = Api.unique("phone-code");
        WechatFake.phone(providers.wechat, code, phone);
        r.api().body(Map.of("code", code)).post("/api/mp/phone").then().statusCode(200);
        return phone;
    }

    /** The booking SMS the number received: each template's code with its time (and a move's new time). */
    private List<String> bookingSms(String phone) {
        return AliyunFake.sendSmsTo(providers.aliyun, phone).stream()
                .filter(r -> r.queryParameter("TemplateCode").firstValue().startsWith("SMS_LIANXIN_BOOKING_"))
                .map(r -> {
                    JsonNode params = json(r.queryParameter("TemplateParam").firstValue());
                    return r.queryParameter("TemplateCode").firstValue() + " " + params.get("time").asText()
                            + (params.has("newTime") ? " → " + params.get("newTime").asText() : "");
                }).toList();
    }

    /** The text cards the representative received with this title. */
    private List<JsonNode> cards(String title) {
        return providers.wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/send"))
                        .withRequestBody(matchingJsonPath("$.touser", equalTo(representative.userId())))
                        .withRequestBody(matchingJsonPath("$.textcard.title", equalTo(title))))
                .stream().map(request -> json(request.getBodyAsString())).toList();
    }

    private List<JsonNode> subscribeMessages(String openid) {
        return providers.wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
                        .withRequestBody(matchingJsonPath("$.touser", equalTo(openid))))
                .stream().map(request -> json(request.getBodyAsString())).toList();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
