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
import cn.lianxin.work.Rounds;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes committed outbox rows to Kafka: in order, keyed by aggregate id, at least once. A row is marked
 * published only after the broker acknowledged it; while Kafka is away rows simply wait.
 *
 * <p>A row that can never be published — larger than the producer may send, an unreadable payload, or refused by
 * the broker for the record itself — is parked with its reason and the rows behind it go on, later events of the
 * same aggregate included (docs/DECISIONS.md, "Outbox parking"): waiting would never make it publishable.
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
    static final long RELAY_LOCK = 0x4c69616e78696e01L;
    /**
     * Failures that belong to the record, not to the broker's availability: sending it again fails again. Anything
     * else (timeouts, a broker away, missing permissions) concerns every row alike, and the rows wait.
     */
    private static final List<Class<? extends Throwable>> NEVER_PUBLISHABLE = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidRecordException.class, SerializationException.class, InvalidTopicException.class);

    /** What became of one row: published, or parked for the reason given. */
    record Outcome(UUID id, String parkedReason) {
    }

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final ObjectMapper json;
    private final int batchSize;
    private final int maxRequestSize;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> kafka, ObjectMapper json,
            @ConfigProperty(name = "lianxin.outbox.batch-size") int batchSize,
            @ConfigProperty(name = "mp.messaging.outgoing.outbox.max.request.size") int maxRequestSize) {
        this.pool = pool;
        this.kafka = kafka;
        this.json = json;
        this.batchSize = batchSize;
        this.maxRequestSize = maxRequestSize;
    }

    /**
     * Drains: batch after batch while each one comes back full and wholly settled, so that a burst waits for the
     * broker, not for the next tick. A batch cut short (a transient failure, another instance relaying) ends the
     * round; the rows wait for the next one. Delayed so that the first run finds the Kafka channel connected.
     */
    @Scheduled(every = "${lianxin.outbox.relay-interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return Rounds.drain(() -> relayOnce().map(List::size), batchSize)
                .onFailure().invoke(e -> LOG.warnf("Outbox relay paused, rows stay unpublished: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Publishes one batch; returns how many rows the broker acknowledged. */
    public Uni<Integer> relayBatch() {
        return relayOnce().map(outcomes -> (int) outcomes.stream().filter(o -> o.parkedReason() == null).count());
    }

    /** One batch in one transaction: what became of each row settled (published or parked). */
    private Uni<List<Outcome>> relayOnce() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS leader")
                .execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean("leader") ? publishUnpublished(conn) : Uni.createFrom().item(List.of())));
    }

    private Uni<List<Outcome>> publishUnpublished(SqlConnection conn) {
        return conn.preparedQuery("""
                SELECT id, aggregate_type, aggregate_id, event_type, topic, payload::text AS payload, created_at
                FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    // One aggregate's events go one after another: the next leaves only when the previous one is
                    // acknowledged (or parked), so a transient failure stops that aggregate and none of its later
                    // events overtakes an earlier one that will still be published. Different aggregates go at
                    // once, and the producer pipelines them (idempotent, so its own retries keep partition order).
                    Map<String, List<Row>> byAggregate = new LinkedHashMap<>();
                    rows.forEach(row -> byAggregate.computeIfAbsent(row.getString("aggregate_id"), k -> new ArrayList<>()).add(row));
                    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
                    return Multi.createFrom().iterable(byAggregate.values())
                            .onItem().transformToMultiAndMerge(aggregate -> attemptInOrder(aggregate, firstFailure))
                            .collect().asList()
                            .invoke(outcomes -> {
                                if (firstFailure.get() != null) {
                                    // Once per batch: while the broker is away every aggregate fails alike.
                                    LOG.warnf("%d of %d events not acknowledged by Kafka, they wait: %s", rows.size() - outcomes.size(),
                                            rows.size(), firstFailure.get().getMessage());
                                }
                            });
                })
                .chain(outcomes -> markPublished(conn, outcomes).chain(() -> park(conn, outcomes)).replaceWith(outcomes));
    }

    /** One aggregate's rows in their order, up to the first that could not be settled. */
    private Multi<Outcome> attemptInOrder(List<Row> rows, AtomicReference<Throwable> firstFailure) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(this::attempt)
                .onFailure().invoke(e -> firstFailure.compareAndSet(null, e))
                .onFailure().recoverWithCompletion();
    }

    private Uni<Outcome> attempt(Row row) {
        UUID id = row.getUUID("id");
        String envelope;
        try {
            envelope = envelope(row);
        } catch (IOException e) {
            // The parser's message quotes the payload, which is residents' text: only the kind of failure is kept.
            return Uni.createFrom().item(parked(row, "unreadable payload (" + e.getClass().getSimpleName() + ")"));
        }
        // The producer refuses a record over max.request.size before it is sent; say so here, with the size.
        long size = (long) row.getString("aggregate_id").getBytes(StandardCharsets.UTF_8).length
                + envelope.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxRequestSize) {
            return Uni.createFrom().item(parked(row, "too large for Kafka: " + size + " bytes, max.request.size is " + maxRequestSize));
        }
        return send(row, envelope).replaceWith(new Outcome(id, null))
                .onFailure(OutboxRelay::neverPublishable).recoverWithItem(e -> parked(row, "refused by Kafka: " + e));
    }

    static boolean neverPublishable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Throwable cause = t;
            if (NEVER_PUBLISHABLE.stream().anyMatch(type -> type.isInstance(cause))) {
                return true;
            }
        }
        return false;
    }

    private static Outcome parked(Row row, String reason) {
        // Never the body: it is the resident's text.
        LOG.errorf("Event %s (%s of %s %s) can never be published and is parked: %s", row.getUUID("id"), row.getString("event_type"),
                row.getString("aggregate_type"), row.getString("aggregate_id"), reason);
        return new Outcome(row.getUUID("id"), reason);
    }

    private Uni<Void> send(Row row, String envelope) {
        Message<String> message = Message.of(envelope).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("aggregate_id"))
                .build());
        return kafka.sendMessage(message);
    }

    private String envelope(Row row) throws IOException {
        OffsetDateTime createdAt = row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC);
        return json.writeValueAsString(new EventEnvelope(row.getUUID("id"), row.getString("event_type"),
                row.getString("aggregate_type"), row.getString("aggregate_id"), createdAt, json.readTree(row.getString("payload"))));
    }

    private Uni<Void> markPublished(SqlConnection conn, List<Outcome> outcomes) {
        UUID[] ids = outcomes.stream().filter(o -> o.parkedReason() == null).map(Outcome::id).toArray(UUID[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids)).replaceWithVoid();
    }

    private Uni<Void> park(SqlConnection conn, List<Outcome> outcomes) {
        List<Tuple> parked = outcomes.stream().filter(o -> o.parkedReason() != null).map(o -> Tuple.of(o.id(), o.parkedReason())).toList();
        if (parked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("UPDATE outbox_event SET parked_at = now(), parked_reason = $2 WHERE id = $1")
                .executeBatch(parked).replaceWithVoid();
    }
}
