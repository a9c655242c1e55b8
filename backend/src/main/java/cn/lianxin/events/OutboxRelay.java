package cn.lianxin.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes committed outbox rows to Kafka: in order, keyed by aggregate id, at least once. A row is marked
 * published only after the broker acknowledged it; while Kafka is away rows simply wait.
 *
 * <p>Only one instance relays at a time (a transaction-scoped advisory lock), which keeps each aggregate's
 * events in order across instances; the rows are also locked with SKIP LOCKED so that a second relay, should
 * the lock ever be bypassed, cannot publish the same row concurrently. Uses the SQL client directly: a locked
 * batch and its bookkeeping need no entity mapping.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory-lock key that elects the relaying instance. */
    private static final long RELAY_LOCK = 0x4c69616e78696e01L;

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final ObjectMapper json;
    private final int batchSize;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> kafka, ObjectMapper json,
            @ConfigProperty(name = "lianxin.outbox.batch-size") int batchSize) {
        this.pool = pool;
        this.kafka = kafka;
        this.json = json;
        this.batchSize = batchSize;
    }

    // Delayed so that the first run finds the Kafka channel connected.
    @Scheduled(every = "${lianxin.outbox.relay-interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return relayBatch().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Outbox relay paused, rows stay unpublished: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Publishes one batch; returns how many rows the broker acknowledged. */
    public Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS leader")
                .execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean("leader") ? publishUnpublished(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishUnpublished(SqlConnection conn) {
        return conn.preparedQuery("""
                SELECT id, aggregate_type, aggregate_id, event_type, topic, payload::text AS payload, created_at
                FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    // Sent one after another: the next record leaves only when the previous one is acknowledged,
                    // so a failure stops the batch and no later event of an aggregate overtakes an earlier one.
                    return Multi.createFrom().iterable(batch)
                            .onItem().transformToUniAndConcatenate(row -> send(row).replaceWith(row.getUUID("id")))
                            .onFailure().recoverWithCompletion()
                            .collect().asList();
                })
                .chain(published -> markPublished(conn, published).replaceWith(published.size()));
    }

    private Uni<Void> send(Row row) {
        String envelope = envelope(row);
        Message<String> message = Message.of(envelope).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("aggregate_id"))
                .build());
        return kafka.sendMessage(message)
                .onFailure().invoke(e -> LOG.warnf("Event %s not acknowledged by Kafka: %s", row.getUUID("id"), e.getMessage()));
    }

    private String envelope(Row row) {
        try {
            OffsetDateTime createdAt = row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC);
            return json.writeValueAsString(new EventEnvelope(row.getUUID("id"), row.getString("event_type"),
                    row.getString("aggregate_type"), row.getString("aggregate_id"), createdAt, json.readTree(row.getString("payload"))));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("outbox row " + row.getUUID("id") + " has an unreadable payload", e);
        }
    }

    private Uni<Void> markPublished(SqlConnection conn, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).replaceWithVoid();
    }
}
