package cn.lianxin.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How far the relay is behind: the rows still to publish (parked ones aside), the age of the oldest of them, and
 * the parked rows. Measured from the database, so every instance reports the same, whichever one relays; the
 * gauges ({@code lianxin_outbox_*} at /q/metrics) show the last measurement.
 */
@ApplicationScoped
public class OutboxLag {

    /** {@code oldestAgeSeconds} is 0 when nothing waits. */
    public record Snapshot(long unpublished, long oldestAgeSeconds, long parked) {
    }

    private static final Logger LOG = Logger.getLogger(OutboxLag.class);

    private final Pool pool;
    private final AtomicLong unpublished = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    public OutboxLag(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("lianxin.outbox.unpublished", unpublished, AtomicLong::get)
                .description("Outbox events not yet published to Kafka, parked ones aside").register(registry);
        Gauge.builder("lianxin.outbox.lag", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest outbox event not yet published, parked ones aside").register(registry);
        Gauge.builder("lianxin.outbox.parked", parked, AtomicLong::get)
                .description("Outbox events parked because they can never be published").register(registry);
    }

    @Scheduled(every = "${lianxin.outbox.metrics-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return measure().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Outbox lag not measured, the gauges keep their last values: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Measures now (two index-only reads of the partial indexes) and updates the gauges. */
    public Uni<Snapshot> measure() {
        return pool.query("""
                SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL) AS unpublished,
                       (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint FROM outbox_event
                        WHERE published_at IS NULL AND parked_at IS NULL) AS oldest_age,
                       (SELECT count(*) FROM outbox_event WHERE parked_at IS NOT NULL) AS parked""")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Snapshot snapshot = new Snapshot(row.getLong("unpublished"), Math.max(0, row.getLong("oldest_age")), row.getLong("parked"));
                    unpublished.set(snapshot.unpublished());
                    oldestAgeSeconds.set(snapshot.oldestAgeSeconds());
                    parked.set(snapshot.parked());
                    return snapshot;
                });
    }
}
