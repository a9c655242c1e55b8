package cn.lianxin.bookings;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Booking a video call through the API as residents and staff do: slots from the rules and the calendar, holds
 * that one slot admits once, confirmation into a case with the booked representative, caps, leave and scope.
 * The clock stands on Monday 28 September 2026, 08:00 in the town; 1 October is 国庆, Saturday 10 October is worked.
 */
@QuarkusTest
class BookingsApiTest {

    private static final String MONDAY_8AM = "2026-09-28T08:00:00+08:00";

    @Inject
    Pool pool;
    @Inject
    TestClock clock;

    private Fixtures town;
    private Team team;

    @BeforeEach
    void publishHours() {
        clock.set(OffsetDateTime.parse(MONDAY_8AM).toInstant());
        town = Fixtures.town();
        team = Team.at(town);
        // Monday 9:00–10:30 and Thursday 14:00–15:00, half-hour calls, ten minutes between Monday's.
        asOffice().body(Map.of("rules", List.of(
                        Map.of("weekday", "MONDAY", "from", "09:00", "to", "10:30", "slotMinutes", 30, "bufferMinutes", 10),
                        Map.of("weekday", "THURSDAY", "from", "14:00", "to", "15:00", "slotMinutes", 30, "bufferMinutes", 0))))
                .post("/api/representatives/" + team.firstId() + "/slot-rules").then().statusCode(200)
                .body("rules.size()", equalTo(2));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static List<String> slotStarts(MiniProgramResident r, long representativeId, String from, String to) {
        return r.api().queryParam("from", from).queryParam("to", to).queryParam("representativeId", representativeId)
                .get("/api/mp/slots").then().statusCode(200).extract().jsonPath().getList("startsAt");
    }

    private static Response hold(MiniProgramResident r, long representativeId, String startsAt) {
        return r.api().body(Map.of("representativeId", representativeId, "startsAt", startsAt)).post("/api/mp/bookings/holds");
    }

    private static String holdId(MiniProgramResident r, long representativeId, String startsAt) {
        return hold(r, representativeId, startsAt).then().statusCode(201).extract().path("holdId");
    }

    @Test
    void shouldOfferSlotsFromTheRulesWithoutTheHolidayAndWithTheMakeUpSaturday() {
        MiniProgramResident resident = MiniProgramResident.login();
        assertThat(slotStarts(resident, team.firstId(), "2026-09-28", "2026-10-11")).containsExactly(
                "2026-09-28T09:00:00+08:00", "2026-09-28T09:40:00+08:00",
                // Thursday 1 October is 国庆: nothing. Monday 5 October is a holiday too.
                "2026-10-08T14:00:00+08:00", "2026-10-08T14:30:00+08:00",
                // Saturday 10 October is worked (调休) and receives as a Monday.
                "2026-10-10T09:00:00+08:00", "2026-10-10T09:40:00+08:00");
        resident.api().queryParam("from", "2026-09-28").queryParam("to", "2026-09-28").queryParam("representativeId", team.firstId())
                .get("/api/mp/slots").then().body("[0].representativeId", equalTo((int) team.firstId()))
                .body("[0].endsAt", equalTo("2026-09-28T09:30:00+08:00"));
    }

    @Test
    void shouldAdmitExactlyOneOfTwentySimultaneousHoldsOfOneSlot() throws Exception {
        List<MiniProgramResident> residents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            residents.add(MiniProgramResident.login());
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> statuses = Api.atOnce(20, () -> hold(residents.get(next.getAndIncrement()), team.firstId(),
                "2026-09-28T09:40:00+08:00").statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(Database.count(pool, "SELECT count(*) FROM booking WHERE representative_id = $1", team.firstId())).isEqualTo(1);
        // The slot is no longer offered to anyone.
        assertThat(slotStarts(residents.get(0), team.firstId(), "2026-09-28", "2026-09-28")).containsExactly("2026-09-28T09:00:00+08:00");
    }

    @Test
    void shouldRefuseOverlappingTimesEvenWhenWrittenBySql() {
        MiniProgramResident resident = MiniProgramResident.login();
        holdId(resident, team.firstId(), "2026-09-28T09:00:00+08:00");
        // A 45-minute booking from 09:20 overlaps the held 09:00–09:30 though it is no slot of the rules.
        assertThatThrownBy(() -> Database.update(pool, """
                INSERT INTO booking (id, representative_id, workstation_id, resident_id, starts_at, ends_at, state, expires_at, created_at, updated_at)
                VALUES (gen_random_uuid(), $1, $2, $3::uuid, '2026-09-28T09:20+08', '2026-09-28T10:05+08', 'CONFIRMED', now(), now(), now())""",
                team.firstId(), team.workstationId(), resident.id())).hasMessageContaining("booking_no_overlap");
        // Touching is not overlapping: 09:30–09:40 fits between.
        assertThat(Database.update(pool, """
                INSERT INTO booking (id, representative_id, workstation_id, resident_id, starts_at, ends_at, state, expires_at, created_at, updated_at)
                VALUES (gen_random_uuid(), $1, $2, $3::uuid, '2026-09-28T09:30+08', '2026-09-28T09:40+08', 'CONFIRMED', now(), now(), now())""",
                team.firstId(), team.workstationId(), resident.id())).isEqualTo(1);
        // Cancelled rows are not live: they never stand in the way.
        assertThat(Database.update(pool, """
                INSERT INTO booking (id, representative_id, workstation_id, resident_id, starts_at, ends_at, state, expires_at, created_at, updated_at)
                VALUES (gen_random_uuid(), $1, $2, $3::uuid, '2026-09-28T09:00+08', '2026-09-28T09:30+08', 'CANCELLED', now(), now(), now())""",
                team.firstId(), team.workstationId(), resident.id())).isEqualTo(1);
    }

    @Test
    void shouldFreeTheSlotOfAnExpiredHoldWhichCanNoLongerBeConfirmed() {
        MiniProgramResident first = MiniProgramResident.login();
        MiniProgramResident second = MiniProgramResident.login();
        String slot = "2026-09-28T09:00:00+08:00";
        String hold = hold(first, team.firstId(), slot).then().statusCode(201)
                .body("expiresAt", equalTo("2026-09-28T08:05:00+08:00")).extract().path("holdId");
        hold(second, team.firstId(), slot).then().statusCode(409).contentType("application/problem+json");

        clock.set(OffsetDateTime.parse("2026-09-28T08:05:01+08:00").toInstant());
        assertThat(slotStarts(second, team.firstId(), "2026-09-28", "2026-09-28")).contains(slot);
        first.api().body(Map.of("holdId", hold, "topic", "门前路灯不亮")).post("/api/mp/bookings").then().statusCode(409)
                .body("state", equalTo("HELD"));
        String secondHold = holdId(second, team.firstId(), slot);
        // The first hold, cleared when the second was written, can never come back.
        assertThat(Database.strings(pool, "SELECT state FROM booking WHERE id = $1::uuid", hold)).containsExactly("EXPIRED");
        first.api().body(Map.of("holdId", hold, "topic", "门前路灯不亮")).post("/api/mp/bookings").then().statusCode(409);
        second.api().body(Map.of("holdId", secondHold, "topic", "门前路灯不亮")).post("/api/mp/bookings").then().statusCode(201);
    }

    @Test
    void shouldRegisterOneVideoCaseWithTheBookedRepresentative() {
        MiniProgramResident resident = MiniProgramResident.login();
        String hold = holdId(resident, team.firstId(), "2026-10-08T14:30:00+08:00");
        Response confirmed = resident.api().body(Map.of("holdId", hold, "topic", "  想问问低保怎么申请  ", "categoryId", town.categoryId()))
                .post("/api/mp/bookings");
        confirmed.then().statusCode(201).body("bookingId", equalTo(hold)).body("booking.state", equalTo("CONFIRMED"))
                .body("booking.allowed", hasItem("CANCEL"));
        String caseId = confirmed.path("caseId");
        asOffice().get("/api/cases/" + caseId).then().statusCode(200).body("channel", equalTo("VIDEO"))
                .body("representativeId", equalTo((int) team.firstId())).body("workstationId", equalTo((int) team.workstationId()))
                .body("text", equalTo("想问问低保怎么申请")).body("state", equalTo("REGISTERED"))
                .body("routingReasons[0]", equalTo("视频预约：群众预约了该代表 10月8日 14:30 的接待时段"));
        assertThat(Database.count(pool, "SELECT count(*) FROM cases WHERE resident_id = $1::uuid", resident.id())).isEqualTo(1);
        // Confirming again registers nothing more.
        resident.api().body(Map.of("holdId", hold, "topic", "再来一次")).post("/api/mp/bookings").then().statusCode(409);
        assertThat(Database.count(pool, "SELECT count(*) FROM cases WHERE resident_id = $1::uuid", resident.id())).isEqualTo(1);
        resident.api().get("/api/mp/bookings").then().statusCode(200).body("[0].caseId", equalTo(caseId))
                .body("[0].representativeName", equalTo("代表甲"));
    }

    @Test
    void shouldLetAStandInReceiveDuringLeave() {
        asOffice().body(Map.of("firstDay", "2026-09-28", "lastDay", "2026-09-30", "standInId", team.secondId()))
                .post("/api/representatives/" + team.firstId() + "/leave").then().statusCode(200).body("leave[0].standInId", equalTo((int) team.secondId()));
        MiniProgramResident resident = MiniProgramResident.login();
        // Asked for the representative on leave, the resident is shown the stand-in receiving in their place.
        resident.api().queryParam("from", "2026-09-28").queryParam("to", "2026-09-28").queryParam("representativeId", team.firstId())
                .get("/api/mp/slots").then().statusCode(200).body("size()", equalTo(2))
                .body("representativeId", org.hamcrest.Matchers.everyItem(equalTo((int) team.secondId())))
                .body("standingInFor", org.hamcrest.Matchers.everyItem(equalTo((int) team.firstId())));
        assertThat(slotStarts(resident, team.secondId(), "2026-09-28", "2026-09-28"))
                .containsExactly("2026-09-28T09:00:00+08:00", "2026-09-28T09:40:00+08:00");
        hold(resident, team.firstId(), "2026-09-28T09:00:00+08:00").then().statusCode(422).body("errors[0].field", equalTo("startsAt"));
        String hold = holdId(resident, team.secondId(), "2026-09-28T09:00:00+08:00");
        String caseId = resident.api().body(Map.of("holdId", hold, "topic", "宅基地确权")).post("/api/mp/bookings").then().statusCode(201)
                .extract().path("caseId");
        asOffice().get("/api/cases/" + caseId).then().body("representativeId", equalTo((int) team.secondId()));
        // After the leave the representative receives again.
        assertThat(slotStarts(resident, team.firstId(), "2026-10-08", "2026-10-08")).hasSize(2);
    }

    @Test
    void shouldCapOpenBookingsPerResident() {
        MiniProgramResident resident = MiniProgramResident.login();
        String first = holdId(resident, team.firstId(), "2026-09-28T09:00:00+08:00");
        holdId(resident, team.firstId(), "2026-09-28T09:40:00+08:00");
        hold(resident, team.firstId(), "2026-10-08T14:00:00+08:00").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("at most 2 open bookings"));
        // Letting a hold go gives its place back at once, and its slot to others.
        resident.api().post("/api/mp/bookings/holds/" + first + "/release").then().statusCode(200).body("state", equalTo("CANCELLED"));
        holdId(resident, team.firstId(), "2026-10-08T14:00:00+08:00");
        assertThat(slotStarts(resident, team.firstId(), "2026-09-28", "2026-09-28")).containsExactly("2026-09-28T09:00:00+08:00");
    }

    @Test
    void shouldLetTheResidentCancelUntilTwoHoursBeforeAndMoveABookingOnTheSameCase() {
        MiniProgramResident resident = MiniProgramResident.login();
        String first = holdId(resident, team.firstId(), "2026-09-28T09:40:00+08:00");
        String caseId = resident.api().body(Map.of("holdId", first, "topic", "灌溉渠堵了")).post("/api/mp/bookings").then().statusCode(201)
                .extract().path("caseId");
        // 08:00 is less than two hours before 09:40: the resident may no longer cancel or move it.
        resident.api().post("/api/mp/bookings/" + first + "/cancel").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("太近"));
        String later = holdId(resident, team.firstId(), "2026-10-08T14:00:00+08:00");
        resident.api().body(Map.of("holdId", later)).post("/api/mp/bookings/" + first + "/reschedule").then().statusCode(409);
        // Their liaison may (the resident phoned).
        Team.as(team.liaison()).body(Map.of()).post("/api/bookings/" + first + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"));

        clock.set(OffsetDateTime.parse("2026-09-28T10:00:00+08:00").toInstant());
        String again = holdId(resident, team.firstId(), "2026-10-08T14:30:00+08:00");
        String bookingCase = resident.api().body(Map.of("holdId", again, "topic", "灌溉渠堵了")).post("/api/mp/bookings").then()
                .statusCode(201).extract().path("caseId");
        // The 14:00 hold of 08:00 has long expired; the resident holds it anew and moves the booking there.
        String moved = holdId(resident, team.firstId(), "2026-10-08T14:00:00+08:00");
        resident.api().body(Map.of("holdId", moved)).post("/api/mp/bookings/" + again + "/reschedule").then().statusCode(200)
                .body("id", equalTo(moved)).body("state", equalTo("CONFIRMED")).body("caseId", equalTo(bookingCase))
                .body("startsAt", equalTo("2026-10-08T14:00:00+08:00"));
        assertThat(Database.strings(pool, "SELECT state FROM booking WHERE id = $1::uuid", again)).containsExactly("RESCHEDULED");
        assertThat(slotStarts(resident, team.firstId(), "2026-10-08", "2026-10-08")).containsExactly("2026-10-08T14:30:00+08:00");
        assertThat(Database.strings(pool, "SELECT action FROM case_activity WHERE case_id = $1::uuid ORDER BY id", bookingCase))
                .containsExactly("REGISTER", "BOOKING_RESCHEDULE");
        assertThat(caseId).isNotEqualTo(bookingCase);
    }

    @Test
    void shouldLetALiaisonBookForAPhoneCallerAndSeeOnlyTheirWorkstation() {
        String resident = town.resident();
        String hold = Team.as(team.liaison()).body(Map.of("residentId", resident, "representativeId", team.firstId(),
                "startsAt", "2026-10-08T14:00:00+08:00")).post("/api/bookings/holds").then().statusCode(201).extract().path("id");
        Team.as(team.liaison()).body(Map.of("holdId", hold, "topic", "电话预约：老房漏雨")).post("/api/bookings").then().statusCode(201)
                .body("bookedByStaff", equalTo(true)).body("caseId", org.hamcrest.Matchers.notNullValue());
        Team.as(team.liaison()).queryParam("from", "2026-10-05").queryParam("to", "2026-10-11").get("/api/bookings").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].topic", equalTo("电话预约：老房漏雨"));

        Team other = Team.at(town, Team.secondWorkstation(town));
        Team.as(other.liaison()).queryParam("workstationId", team.workstationId()).queryParam("from", "2026-10-05").queryParam("to", "2026-10-11")
                .get("/api/bookings").then().statusCode(403);
        Team.as(other.liaison()).queryParam("from", "2026-10-05").queryParam("to", "2026-10-11").get("/api/bookings").then()
                .statusCode(200).body("size()", equalTo(0));
        Team.as(other.liaison()).body(Map.of("residentId", resident, "representativeId", team.firstId(),
                "startsAt", "2026-10-08T14:30:00+08:00")).post("/api/bookings/holds").then().statusCode(403);
        // Nor may they edit another workstation's representative's hours.
        Team.as(other.liaison()).body(Map.of("rules", List.of())).post("/api/representatives/" + team.firstId() + "/slot-rules")
                .then().statusCode(403);
    }

    @Test
    void shouldNameTheFieldOfBadRules() {
        asOffice().body(Map.of("rules", List.of(Map.of("weekday", "SATURDAY", "from", "09:00", "to", "10:00", "slotMinutes", 30, "bufferMinutes", 0))))
                .post("/api/representatives/" + team.firstId() + "/slot-rules").then().statusCode(422)
                .body("errors[0].field", equalTo("rules[0].weekday"));
        asOffice().body(Map.of("rules", List.of(Map.of("weekday", "MONDAY", "from", "09:00", "to", "09:20", "slotMinutes", 30, "bufferMinutes", 0))))
                .post("/api/representatives/" + team.firstId() + "/slot-rules").then().statusCode(422)
                .body("errors[0].field", equalTo("rules[0].slotMinutes"));
        MiniProgramResident resident = MiniProgramResident.login();
        resident.api().body(Map.of("holdId", UUID.randomUUID().toString(), "topic", " ")).post("/api/mp/bookings").then().statusCode(422)
                .body("errors[0].field", equalTo("topic"));
        resident.api().body(Map.of("holdId", UUID.randomUUID().toString(), "topic", "x")).post("/api/mp/bookings").then().statusCode(404);
    }
}
