package cn.lianxin.bookings;

import static cn.lianxin.testing.Api.asOffice;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.WeComFake;
import cn.lianxin.testing.WeComMember;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The call behind a booking: a WeCom meeting hosted by the representative, and its attendance deciding who missed it. */
@QuarkusTest
class BookingMeetingsTest {

    @Inject
    Pool pool;
    @Inject
    TestClock clock;
    @Inject
    Meetings meetings;

    ProviderFakes providers;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String book(MiniProgramResident r, long representativeId, String startsAt, String topic) {
        String hold = r.api().body(Map.of("representativeId", representativeId, "startsAt", startsAt)).post("/api/mp/bookings/holds")
                .then().statusCode(201).extract().path("holdId");
        r.api().body(Map.of("holdId", hold, "topic", topic)).post("/api/mp/bookings").then().statusCode(201);
        return hold;
    }

    private String meetingOf(String booking) {
        return Database.strings(pool, "SELECT meeting_id FROM booking WHERE id = $1::uuid", booking).get(0);
    }

    private String stateOf(String booking) {
        return Database.strings(pool, "SELECT state FROM booking WHERE id = $1::uuid", booking).get(0);
    }

    @Test
    void shouldOpenAWeComMeetingPerBookingAndMarkEachSidesNoShowFromItsAttendance() {
        clock.set(OffsetDateTime.parse("2026-09-28T08:00:00+08:00").toInstant());
        Fixtures town = Fixtures.town();
        WeComMember representative = WeComMember.at(town, town.workstationId());
        // The workstation's group leader, who supervises a call its representative missed.
        long leader = cn.lianxin.testing.Team.at(town).leaderId();
        asOffice().body(Map.of("rules", List.of(Map.of("weekday", "MONDAY", "from", "09:00", "to", "11:00", "slotMinutes", 30, "bufferMinutes", 10))))
                .post("/api/representatives/" + representative.id() + "/slot-rules").then().statusCode(200);
        MiniProgramResident first = MiniProgramResident.login();
        MiniProgramResident second = MiniProgramResident.login();
        String held = book(first, representative.id(), "2026-09-28T09:00:00+08:00", "村口路面塌陷");
        String residentAway = book(first, representative.id(), "2026-09-28T09:40:00+08:00", "医保报销");
        String representativeAway = book(second, representative.id(), "2026-09-28T10:20:00+08:00", "低保评议");

        Workers.runOnce(meetings::runOnce);

        // The representative is the admin and the host; outsiders may join and wait in the waiting room.
        assertThat(providers.wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/meeting/create"))
                .withRequestBody(matchingJsonPath("$.admin_userid", equalTo(representative.userId())))
                .withRequestBody(matchingJsonPath("$.settings.allow_external_user", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.settings.enable_waiting_room", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.meeting_duration", equalTo("1800"))))).hasSize(3);
        String meeting = meetingOf(held);
        first.api().get("/api/mp/bookings").then().statusCode(200)
                .body("find { it.id == '" + held + "' }.joinUrl", org.hamcrest.Matchers.equalTo("https://meeting.tencent.com/dm/Z3pX2Q8f"))
                .body("find { it.id == '" + held + "' }.meetingCode", org.hamcrest.Matchers.equalTo("806321587"));

        // 接待 in the WeCom app: the representative's booked calls, with the link they host each by.
        asOffice().body(Map.of("userId", representative.userId(), "content", "接待")).post("/api/sandbox/wecom/text").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asOffice().queryParam("representativeId", representative.id())
                .get("/api/messages").then().extract().jsonPath().<String>getList("items.body"))
                .anySatisfy(b -> assertThat(b).startsWith("您的视频接待（3 场）")
                        .contains("9月28日 09:00–09:30 村口路面塌陷\n会议：https://meeting.tencent.com/dm/Z3pX2Q8f")
                        .contains("9月28日 10:20–10:50 低保评议")));

        WeComFake.attendance(providers.wecom, meeting, representative.userId(), 1680, 1620);
        WeComFake.attendance(providers.wecom, meetingOf(residentAway), representative.userId(), 1800, 0);
        WeComFake.attendance(providers.wecom, meetingOf(representativeAway), representative.userId(), 0, 900);

        // Before a slot is over its attendance is not read.
        clock.set(OffsetDateTime.parse("2026-09-28T09:35:00+08:00").toInstant());
        Workers.runOnce(meetings::runOnce);
        assertThat(stateOf(held)).isEqualTo("COMPLETED");
        assertThat(stateOf(residentAway)).isEqualTo("CONFIRMED");

        clock.set(OffsetDateTime.parse("2026-09-28T11:00:00+08:00").toInstant());
        Workers.runOnce(meetings::runOnce);
        Workers.runOnce(meetings::runOnce);
        assertThat(stateOf(residentAway)).isEqualTo("MISSED_BY_RESIDENT");
        assertThat(stateOf(representativeAway)).isEqualTo("MISSED_BY_REPRESENTATIVE");

        // The call's attendance and duration are on the case's record, once.
        String heldCase = Database.strings(pool, "SELECT case_id FROM booking WHERE id = $1::uuid", held).get(0);
        assertThat(Database.strings(pool, "SELECT detail FROM case_activity WHERE case_id = $1::uuid AND action = 'VIDEO_CALL'", heldCase))
                .containsExactly("视频接待已接待：代表在线 28 分钟，群众在线 27 分钟");
        String awayCase = Database.strings(pool, "SELECT case_id FROM booking WHERE id = $1::uuid", representativeAway).get(0);
        assertThat(Database.strings(pool, "SELECT detail FROM case_activity WHERE case_id = $1::uuid AND action = 'VIDEO_CALL'", awayCase))
                .containsExactly("视频接待代表未到：代表在线 0 分钟，群众在线 15 分钟");

        // The representative's no-show is supervised like a missed deadline: a line on the record, the case
        // supervised, the group leader and the town office told on WeCom; the resident's no-show is not.
        assertThat(Database.strings(pool, "SELECT detail FROM case_activity WHERE case_id = $1::uuid AND action = 'SUPERVISE'", awayCase))
                .containsExactly("督办：代表未到 9月28日 10:20 的视频接待，转组长和镇党委督办");
        assertThat(Database.strings(pool, "SELECT (supervised_at IS NOT NULL)::text FROM cases WHERE id = $1::uuid", awayCase)).containsExactly("true");
        String number = Database.strings(pool, "SELECT number FROM cases WHERE id = $1::uuid", awayCase).get(0);
        String name = asOffice().get("/api/representatives/" + representative.id()).then().statusCode(200).extract().path("name");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Database.strings(pool, """
                SELECT recipient_kind::text || ' ' || coalesce(representative_id::text, '-') || ' ' || channel::text || ' ' || body FROM outbound_message
                WHERE case_id = $1::uuid AND purpose LIKE 'MISSED_CALL_%' ORDER BY recipient_kind""", awayCase)).containsExactly(
                "REPRESENTATIVE " + leader + " WECOM 【连心桥】督办：" + number + "（" + workstationName(town) + "）预约的视频接待 9月28日 10:20，代表 "
                        + name + " 未到，请督促办理。",
                "TOWN_OFFICE - WECOM 【连心桥】督办：" + number + "（" + workstationName(town) + "）预约的视频接待 9月28日 10:20，代表 "
                        + name + " 未到，请督办。"));
        String residentAwayCase = Database.strings(pool, "SELECT case_id FROM booking WHERE id = $1::uuid", residentAway).get(0);
        assertThat(Database.count(pool, "SELECT count(*) FROM case_activity WHERE case_id = $1::uuid AND action = 'SUPERVISE'", residentAwayCase))
                .isZero();
    }

    private static String workstationName(Fixtures town) {
        return asOffice().get("/api/workstations/" + town.workstationId()).then().extract().path("name");
    }
}
