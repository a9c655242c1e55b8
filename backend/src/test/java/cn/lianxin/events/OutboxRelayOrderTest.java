package cn.lianxin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.KafkaRecords;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The relay sends many aggregates' events at once, and each aggregate's in the order they were committed. */
@QuarkusTest
class OutboxRelayOrderTest {

    private static final int EVENTS_EACH = 3;

    @Inject
    Pool pool;

    @Inject
    KafkaRecords kafka;

    @ConfigProperty(name = "lianxin.outbox.batch-size")
    int batchSize;

    @Test
    void shouldPublishABurstLargerThanABatchWithEachAggregatesEventsInOrder() {
        int aggregates = batchSize + batchSize / 4;
        List<String> keys = new ArrayList<>();
        List<Tuple> rows = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            String key = "relay-probe-" + UUID.randomUUID();
            keys.add(key);
            for (int n = 0; n < EVENTS_EACH; n++) {
                rows.add(Tuple.of(UUID.randomUUID(), key, new JsonObject().put("n", n)));
            }
        }
        // Committed while the relay is held, so that the whole burst waits for it at once, interleaved by aggregate
        // only in seq order: event n of every aggregate, then event n + 1.
        SqlConnection held = pool.getConnection().await().indefinitely();
        try {
            held.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(OutboxRelay.RELAY_LOCK)).await().indefinitely();
            for (int n = 0; n < EVENTS_EACH; n++) {
                int event = n;
                pool.preparedQuery("""
                        INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload, created_at)
                        VALUES ($1, 'RelayProbe', $2, 'RelayProbe', 'lianxin.case-events', $3, now())""")
                        .executeBatch(rows.stream().filter(r -> r.getJsonObject(2).getInteger("n") == event).toList())
                        .await().indefinitely();
            }
        } finally {
            held.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(OutboxRelay.RELAY_LOCK)).await().indefinitely();
            held.close().await().indefinitely();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(pool,
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND aggregate_id = ANY($1)", (Object) keys.toArray(String[]::new)) == 0);
        Map<String, List<JsonNode>> published = kafka.eventsFor(keys, Duration.ofSeconds(60));
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        published.forEach((key, events) -> assertThat(events.stream().map(e -> e.at("/payload/n").asInt()).toList())
                .as("events of %s in the order committed", key).containsExactly(0, 1, 2));
    }
}
