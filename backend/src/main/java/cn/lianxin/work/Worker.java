package cn.lianxin.work;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs a {@link WorkQueue}: claims one due item (SKIP LOCKED, so that instances share the work and each item is
 * handled once), handles it in its own transaction and marks it processed. A failure of any kind — a provider, a
 * lifecycle conflict on {@code @Version}, bad data — rolls back that item only; the item counts an attempt, keeps
 * the error and is due again after a doubling backoff, and after {@code lianxin.work.max-attempts} it is parked
 * with the reason until the town office retries it. One item that cannot be handled never holds up another.
 */
@ApplicationScoped
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);
    /** Enough of an error for the office to see what went wrong; a stack of causes would drown it. */
    private static final int REASON_LENGTH = 1000;

    /** A claimed row; its item is read from the columns inside the handling, so a row that cannot be read fails there. */
    private record Claimed(long id, int attempts, Object[] columns) {
        <T> T item(WorkQueue<T> queue) {
            return queue.item(id, columns);
        }
    }

    private final WorkSettings settings;

    public Worker(WorkSettings settings) {
        this.settings = settings;
    }

    /**
     * Up to {@code limit} due items, each at most once: an item that fails is due again in a later round, not in
     * this one, however short the backoff.
     *
     * @return how many items were handled or had a failed attempt recorded
     */
    <T> Uni<Integer> runOnce(WorkQueue<T> queue, int limit) {
        return next(queue, OffsetDateTime.now(), limit, 0);
    }

    private <T> Uni<Integer> next(WorkQueue<T> queue, OffsetDateTime round, int remaining, int handled) {
        if (remaining == 0) {
            return Uni.createFrom().item(handled);
        }
        return one(queue, round).chain(claimed -> claimed ? next(queue, round, remaining - 1, handled + 1) : Uni.createFrom().item(handled));
    }

    /** @return whether an item was claimed: handled, or its failed attempt recorded */
    private <T> Uni<Boolean> one(WorkQueue<T> queue, OffsetDateTime round) {
        AtomicReference<Claimed> claimed = new AtomicReference<>();
        return Panache.withTransaction(() -> claim(queue, round).chain(item -> {
                    if (item == null) {
                        return Uni.createFrom().item(false);
                    }
                    claimed.set(item);
                    return Uni.createFrom().item(() -> item.item(queue)).chain(queue::handle).chain(() -> done(queue, item.id()))
                            .replaceWith(true);
                }))
                .onFailure().recoverWithUni(e -> {
                    if (claimed.get() == null) {
                        LOG.warnf("%s: no item could be claimed, the items stay stored: %s", queue.stored().name(), reason(e));
                        return Uni.createFrom().item(false);
                    }
                    return failed(queue, claimed.get(), e);
                });
    }

    private static Uni<Claimed> claim(WorkQueue<?> queue, OffsetDateTime round) {
        WorkQueue.Stored stored = queue.stored();
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT id, attempts, " + stored.columns() + " FROM " + stored.table()
                        + " WHERE processed_at IS NULL AND parked_at IS NULL AND next_attempt_at <= :round"
                        + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", Object[].class)
                .setParameter("round", round).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    return new Claimed(((Number) row[0]).longValue(), ((Number) row[1]).intValue(), Arrays.copyOfRange(row, 2, row.length));
                });
    }

    private static Uni<Void> done(WorkQueue<?> queue, long id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("UPDATE " + queue.stored().table()
                        + " SET processed_at = now() WHERE id = :id")
                .setParameter("id", id).executeUpdate()).replaceWithVoid();
    }

    /** Records the failed attempt in a transaction of its own, parking the item after its last attempt. */
    private <T> Uni<Boolean> failed(WorkQueue<T> queue, Claimed item, Throwable error) {
        String name = queue.stored().name();
        int attempts = item.attempts() + 1;
        String reason = reason(error);
        OffsetDateTime due = OffsetDateTime.now().plus(backoff(attempts));
        if (attempts < settings.maxAttempts()) {
            return Panache.withTransaction(() -> record(queue, item.id(), attempts, reason, due, false))
                    .invoke(() -> LOG.infof("%s %d: attempt %d failed, due again at %s: %s", name, item.id(), attempts, due, reason))
                    .replaceWith(true)
                    .onFailure().recoverWithUni(e -> unrecorded(name, item, e));
        }
        return Panache.withTransaction(() -> record(queue, item.id(), attempts, reason, due, true)
                        .chain(() -> queue.parked(item.item(queue), attempts, reason)))
                .onFailure().recoverWithUni(e -> {
                    // Whoever waits for the item was not told; it is parked all the same, for the office to see.
                    LOG.warnf("%s %d: telling about its parking failed: %s", name, item.id(), reason(e));
                    return Panache.withTransaction(() -> record(queue, item.id(), attempts, reason, due, true));
                })
                .invoke(() -> LOG.warnf("%s %d parked after %d attempts: %s", name, item.id(), attempts, reason))
                .replaceWith(true)
                .onFailure().recoverWithUni(e -> unrecorded(name, item, e));
    }

    /** The database is unwell: the round ends, and the item is due again as it was. */
    private static Uni<Boolean> unrecorded(String queue, Claimed item, Throwable e) {
        LOG.warnf("%s %d: the failed attempt could not be recorded, it stays due: %s", queue, item.id(), reason(e));
        return Uni.createFrom().item(false);
    }

    private static Uni<Void> record(WorkQueue<?> queue, long id, int attempts, String reason, OffsetDateTime due, boolean park) {
        return Panache.getSession().chain(s -> s.createNativeQuery("UPDATE " + queue.stored().table()
                        + " SET attempts = :attempts, last_error = :reason, next_attempt_at = :due,"
                        + " parked_at = CASE WHEN :park THEN now() END WHERE id = :id AND processed_at IS NULL")
                .setParameter("attempts", attempts).setParameter("reason", reason).setParameter("due", due).setParameter("park", park)
                .setParameter("id", id).executeUpdate()).replaceWithVoid();
    }

    /** The backoff after {@code attempts} failures: the base, doubled for each further failure, capped. */
    Duration backoff(int attempts) {
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private static String reason(Throwable e) {
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        return message.length() <= REASON_LENGTH ? message : message.substring(0, REASON_LENGTH);
    }
}
