package cn.lianxin.supervision;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    @Inject
    Pool pool;

    @Inject
    DeadlineWatch watch;

    private static String registerFor(Team team) {
        Fixtures town = team.town();
        String id = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "SMS", "text", "水管爆了")).post("/api/cases").then().statusCode(201).extract().path("id");
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + id + "/commands/assign").then()
                .statusCode(200);
        return id;
    }

    /** What the calendar API says a deadline of {@code days} working days from now is. */
    private static OffsetDateTime calendarDeadline(int days) {
        String deadline = asOffice().queryParam("from", LocalDate.now(TOWN).toString()).queryParam("days", days)
                .get("/api/calendar/working-days").then().statusCode(200).extract().path("deadline");
        return OffsetDateTime.parse(deadline);
    }

    private static OffsetDateTime field(String id, String name) {
        return OffsetDateTime.parse(asOffice().get("/api/cases/" + id).then().extract().<String>path(name));
    }

    private int watchOnce() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> watch.watchOnce());
    }

    private long events(String id, String type) {
        return Database.count(pool, "SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND event_type = $2", id, type);
    }

    @Test
    void shouldStartTheClocksFromThePolicyInWorkingDays() {
        Team team = Team.at(Fixtures.town());
        String id = registerFor(team);
        assertThat(field(id, "signForDueAt")).isEqualTo(calendarDeadline(1));

        Team.as(team.first()).post("/api/cases/" + id + "/commands/sign-for").then().statusCode(200).body("signedAt", notNullValue());
        Team.as(team.first()).body(Map.of("handlingClass", "TIME_LIMITED")).post("/api/cases/" + id + "/commands/handling").then()
                .statusCode(200);
        assertThat(field(id, "replyDueAt")).isEqualTo(calendarDeadline(5));
        assertThat(field(id, "resolveDueAt")).isEqualTo(calendarDeadline(10));
    }

    @Test
    void shouldRemindOnceBeforeASignForDeadline() throws Throwable {
        Team team = Team.at(Fixtures.town());
        String id = registerFor(team);
        Database.update(pool, "UPDATE cases SET sign_for_due_at = now() + interval '1 hour' WHERE id = $1", UUID.fromString(id));

        watchOnce();
        watchOnce();

        assertThat(events(id, "DeadlineApproaching")).isEqualTo(1);
        assertThat(events(id, "DeadlineMissed")).isZero();
    }

    @Test
    void shouldSuperviseAMissedDeadlineOnceAndRecordIt() throws Throwable {
        Team team = Team.at(Fixtures.town());
        String id = registerFor(team);
        Database.update(pool, "UPDATE cases SET sign_for_due_at = now() - interval '1 hour' WHERE id = $1", UUID.fromString(id));

        watchOnce();
        watchOnce();

        assertThat(events(id, "DeadlineMissed")).isEqualTo(1);
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

        assertThat(events(id, "DeadlineMissed")).isZero();
        assertThat(Database.count(pool, "SELECT count(*) FROM case_deadline_notice WHERE case_id = $1", UUID.fromString(id))).isZero();
    }
}
