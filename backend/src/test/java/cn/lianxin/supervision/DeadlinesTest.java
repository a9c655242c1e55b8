package cn.lianxin.supervision;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Clocks are set from the deadline policy on the town's working-day calendar; the watch reminds before and
 * supervises after. Time passing is simulated by moving a case's due time with SQL — the only way to make a
 * deadline pass inside a test without waiting working days.
 */
@QuarkusTest
class DeadlinesTest {

    @Inject
    Pool pool;

    @Inject
    DeadlineWatch watch;

    @Inject
    TestClock clock;

    private static String registerFor(Team team) {
        Fixtures town = team.town();
        String id = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "SMS", "text", "水管爆了")).post("/api/cases").then().statusCode(201).extract().path("id");
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + id + "/commands/assign").then()
                .statusCode(200);
        return id;
    }

    private static OffsetDateTime field(String id, String name) {
        return OffsetDateTime.parse(asOffice().get("/api/cases/" + id).then().extract().<String>path(name));
    }

    private int watchOnce() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> watch.runOnce());
    }

    private long events(String id, String type) {
        return Database.count(pool, "SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND event_type = $2", id, type);
    }

    /** A case registered and handled at {@code at} (the town's time), time-limited: its three clocks. */
    private List<Instant> clocksOfACaseRegisteredAt(String at) {
        clock.set(OffsetDateTime.parse(at).toInstant());
        try {
            Team team = Team.at(Fixtures.town());
            String id = registerFor(team);
            Team.as(team.first()).post("/api/cases/" + id + "/commands/sign-for").then().statusCode(200).body("signedAt", notNullValue());
            Team.as(team.first()).body(Map.of("handlingClass", "TIME_LIMITED")).post("/api/cases/" + id + "/commands/handling").then()
                    .statusCode(200);
            return Stream.of("signForDueAt", "replyDueAt", "resolveDueAt").map(name -> field(id, name).toInstant()).toList();
        } finally {
            clock.reset();
        }
    }

    private static Instant at(String time) {
        return OffsetDateTime.parse(time).toInstant();
    }

    /** Sign for in 1 working day, time-limited reply in 5 and resolution in 10, each ending at 18:00 in the town. */
    @Test
    void shouldCountTheClocksInWorkingDaysAcrossTheNationalDayWeek() {
        // Wednesday before 国庆: 1–7 October off, Saturday 10 October worked (调休).
        assertThat(clocksOfACaseRegisteredAt("2026-09-30T10:00:00+08:00")).containsExactly(
                at("2026-10-08T18:00:00+08:00"), at("2026-10-13T18:00:00+08:00"), at("2026-10-20T18:00:00+08:00"));
    }

    @Test
    void shouldCountTheClocksInWorkingDaysAcrossTheSpringFestival() {
        // Friday 13 February: Saturday 14th is worked (调休), 15th–23rd off, Saturday 28th worked again.
        assertThat(clocksOfACaseRegisteredAt("2026-02-13T10:00:00+08:00")).containsExactly(
                at("2026-02-14T18:00:00+08:00"), at("2026-02-27T18:00:00+08:00"), at("2026-03-05T18:00:00+08:00"));
    }

    @Test
    void shouldRemindOnceBeforeASignForDeadline() throws Throwable {
        Team team = Team.at(Fixtures.town());
        String id = registerFor(team);
        Database.update(pool, "UPDATE cases SET sign_for_due_at = now() + interval '1 hour' WHERE id = $1", UUID.fromString(id));

        watchOnce();
        watchOnce();

        assertThat(events(id, "case.deadline-approaching")).isEqualTo(1);
        assertThat(events(id, "case.deadline-missed")).isZero();
    }

    @Test
    void shouldSuperviseAMissedDeadlineOnceAndRecordIt() throws Throwable {
        Team team = Team.at(Fixtures.town());
        String id = registerFor(team);
        Database.update(pool, "UPDATE cases SET sign_for_due_at = now() - interval '1 hour' WHERE id = $1", UUID.fromString(id));

        watchOnce();
        watchOnce();

        assertThat(events(id, "case.deadline-missed")).isEqualTo(1);
        asOffice().get("/api/cases/" + id).then().body("supervisedAt", notNullValue());
        asOffice().get("/api/cases/" + id + "/activity").then().body("action", hasItem("SUPERVISE"));
        assertThat(Database.count(pool, "SELECT count(*) FROM case_activity WHERE case_id = $1 AND action = 'SUPERVISE'",
                UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void shouldLeaveADoneStepAlone() throws Throwable {
        Team team = Team.at(Fixtures.town());
        String id = registerFor(team);
        Team.as(team.first()).post("/api/cases/" + id + "/commands/sign-for").then().statusCode(200);
        Database.update(pool, "UPDATE cases SET sign_for_due_at = now() - interval '1 hour' WHERE id = $1", UUID.fromString(id));

        watchOnce();

        assertThat(events(id, "case.deadline-missed")).isZero();
        assertThat(Database.count(pool, "SELECT count(*) FROM case_deadline_notice WHERE case_id = $1", UUID.fromString(id))).isZero();
    }

    /** The watch and the overdue list read one definition of an open clock: a reply does not end the resolution clock. */
    @Test
    void shouldSuperviseAndListARepliedUnarchivedCaseWhoseResolutionDeadlinePassed() throws Throwable {
        Team team = Team.at(Fixtures.town());
        String id = registerFor(team);
        Team.as(team.first()).post("/api/cases/" + id + "/commands/sign-for").then().statusCode(200);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + id + "/commands/handling").then()
                .statusCode(200);
        Team.as(team.first()).body(Map.of("text", "已修好")).post("/api/cases/" + id + "/commands/reply").then().statusCode(200);
        Database.update(pool, "UPDATE cases SET resolve_due_at = now() - interval '1 hour', reply_due_at = now() + interval '1 day'"
                + " WHERE id = $1", UUID.fromString(id));

        watchOnce();
        watchOnce();

        assertThat(events(id, "case.deadline-missed")).isEqualTo(1);
        assertThat(Database.strings(pool, "SELECT kind FROM case_deadline_notice WHERE case_id = $1", UUID.fromString(id)))
                .containsExactly("RESOLUTION");
        asOffice().queryParam("workstationId", team.workstationId()).queryParam("size", 100).get("/api/stats/overdue").then()
                .statusCode(200).body("items.caseId", hasItem(id));
    }

    private static Map<String, Object> parkedNotice(long id) {
        return asOffice().queryParam("size", 200).get("/api/work/parked").then().statusCode(200).extract()
                .path("items.find { it.queue == 'deadline-notice' && it.id == " + id + " }");
    }

    /** A case whose record cannot be written (a trigger refusing its lines stands in for the cause) is parked, not in the way. */
    @Test
    void shouldParkANoticeThatCannotBeGivenWhileTheNextCaseIsSupervised() throws Throwable {
        Team team = Team.at(Fixtures.town());
        UUID poisoned = UUID.fromString(registerFor(team));
        UUID next = UUID.fromString(registerFor(team));
        Database.update(pool, "UPDATE cases SET sign_for_due_at = now() - interval '2 hours' WHERE id = $1", poisoned);
        Database.update(pool, "UPDATE cases SET sign_for_due_at = now() - interval '1 hour' WHERE id = $1", next);
        Database.update(pool, """
                CREATE OR REPLACE FUNCTION test_refuse_case_line() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.case_id = '%s' THEN RAISE EXCEPTION 'this case''s record refuses new lines'; END IF;
                    RETURN NEW;
                END $$""".formatted(poisoned));
        Database.update(pool, "CREATE TRIGGER test_refuse_case_line BEFORE INSERT ON case_activity FOR EACH ROW EXECUTE FUNCTION test_refuse_case_line()");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Workers.runOnce(watch::runOnce) >= 0
                    && Database.count(pool, "SELECT count(*) FROM case_deadline_notice WHERE case_id = $1 AND parked_at IS NOT NULL", poisoned) == 1);
            long notice = Database.count(pool, "SELECT id FROM case_deadline_notice WHERE case_id = $1", poisoned);
            assertThat(parkedNotice(notice)).containsEntry("attempts", 3)
                    .hasEntrySatisfying("reason", reason -> assertThat((String) reason).contains("refuses new lines"));
            // The case due after it was supervised all the same; the poisoned one not (yet).
            assertThat(events(next.toString(), "case.deadline-missed")).isEqualTo(1);
            assertThat(events(poisoned.toString(), "case.deadline-missed")).isZero();

            // Once the cause is gone, a retry gives the notice, once.
            Database.update(pool, "DROP TRIGGER test_refuse_case_line ON case_activity");
            asOffice().post("/api/work/parked/deadline-notice/" + notice + "/retry").then().statusCode(200).body("id", equalTo((int) notice));
            await().atMost(Duration.ofSeconds(30)).until(() -> Workers.runOnce(watch::runOnce) >= 0 && events(poisoned.toString(), "case.deadline-missed") == 1);
            watchOnce();
            assertThat(events(poisoned.toString(), "case.deadline-missed")).isEqualTo(1);
            assertThat(parkedNotice(notice)).isNull();
        } finally {
            Database.update(pool, "DROP TRIGGER IF EXISTS test_refuse_case_line ON case_activity");
        }
    }
}
