package cn.lianxin.events;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One event that can never be published must not hold up the town's notifications, and the lag must show. */
@QuarkusTest
class OutboxParkingTest {

    private static final Pattern PARKED_GAUGE = Pattern.compile("(?m)^lianxin_outbox_parked(?:\\{[^}]*})? ([0-9.E+]+)$");

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxLag lag;

    @Test
    void shouldParkAnEventTooLargeForKafkaAndPublishTheNextCasesAcknowledgement() {
        Fixtures town = Fixtures.town();
        String earlier = register(town, "第一件");
        UUID oversized = UUID.randomUUID();
        String next;
        try (Held held = holdRelay()) {
            // Over the producer's 1 MB, as a 2 MB rating comment once made it: ahead of the next case's event.
            Database.update(pool, """
                    INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload, created_at)
                    VALUES ($1, 'Case', $2, 'CaseTransitioned', 'lianxin.case-events', jsonb_build_object('comment', repeat('好', 400000)), now())""",
                    oversized, earlier);
            next = register(town, "第二件");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.relayBatch().await().indefinitely() >= 0 && unpublished(next) == 0);
        assertThat(Database.count(pool, "SELECT count(*) FROM outbox_event WHERE id = $1 AND published_at IS NULL AND parked_at IS NOT NULL"
                + " AND parked_reason LIKE 'too large for Kafka: % bytes, max.request.size is 1048576'", oversized)).isOne();
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgements(next) == 1);

        lag.measure().await().indefinitely();
        Matcher gauge = PARKED_GAUGE.matcher(Management.given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertThat(gauge.find()).as("lianxin_outbox_parked at /q/metrics").isTrue();
        assertThat(Double.parseDouble(gauge.group(1))).isGreaterThanOrEqualTo(1);
        // A parked event is not lag: the relay is not stuck on it.
        Management.given().get("/q/health/well").then().statusCode(200);
    }

    @Test
    void shouldReportTheRelayStuckWhileTheOldestEventWaitsTooLong() {
        Fixtures town = Fixtures.town();
        String id;
        try (Held held = holdRelay()) {
            id = register(town, "停电");
            Database.update(pool, "UPDATE outbox_event SET created_at = now() - interval '1 hour' WHERE aggregate_id = $1", id);

            JsonPath health = JsonPath.from(Management.given().get("/q/health/well").then().statusCode(503)
                    .body("status", equalTo("DOWN")).extract().asString());
            assertThat(health.getString("checks.find { it.name == 'Outbox relay' }.status")).isEqualTo("DOWN");
            assertThat(health.getLong("checks.find { it.name == 'Outbox relay' }.data.oldestUnpublishedSeconds")).isGreaterThanOrEqualTo(3600);
            assertThat(health.getLong("checks.find { it.name == 'Outbox relay' }.data.unpublished")).isGreaterThanOrEqualTo(1);
            // Every instance shares this outbox and still stores concerns: a load balancer must keep them all.
            Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.relayBatch().await().indefinitely() >= 0 && unpublished(id) == 0);
        Management.given().get("/q/health/well").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String register(Fixtures town, String text) {
        return asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "SMS", "text", text)).post("/api/cases").then().statusCode(201).extract().path("id");
    }

    /** Keeps every relay round out (it takes the same advisory lock), as a relay that cannot get on would. */
    private Held holdRelay() {
        SqlConnection conn = pool.getConnection().await().indefinitely();
        conn.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(OutboxRelay.RELAY_LOCK)).await().indefinitely();
        return new Held(conn);
    }

    private record Held(SqlConnection conn) implements AutoCloseable {
        @Override
        public void close() {
            conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(OutboxRelay.RELAY_LOCK)).await().indefinitely();
            conn.close().await().indefinitely();
        }
    }

    private long unpublished(String caseId) {
        return Database.count(pool, "SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND published_at IS NULL", caseId);
    }

    private long acknowledgements(String caseId) {
        return Database.count(pool, "SELECT count(*) FROM outbound_message WHERE case_id = $1 AND purpose = 'CASE_REGISTERED_ACK'",
                UUID.fromString(caseId));
    }
}
