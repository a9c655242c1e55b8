package cn.lianxin.work;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs a poller's rounds: claims one due item (SKIP LOCKED, so that instances share the work and each item is
 * handled once), handles it in its own transaction, and goes on with the next. A failure of any kind — a provider,
 * a lifecycle conflict on {@code @Version}, bad data — rolls back that item only; the item counts an attempt, keeps
 * the error and is due again after a doubling backoff, and after {@code lianxin.work.max-attempts} it ends (a
 * {@link WorkQueue}'s item is parked with the reason until the town office retries it). One item that cannot be
 * handled never holds up another.
 */
@ApplicationScoped
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);
    /** Enough of an error for the office to see what went wrong; a stack of causes would drown it. */
    private static final int REASON_LENGTH = 1000;

    /**
     * Items that keep states of their own (an outbound message's PENDING … FAILED), run by the worker's round loop
     * and failure policy; a {@link WorkQueue} is the common case of a table of stored inputs.
     *
     * @param <T> a claimed item
     */
    public interface Items<T> {

        /** The poller's name in logs (a queue's name in the parked list). */
        String name();

        /**
         * Claims one item due at {@code round} ({@code FOR UPDATE SKIP LOCKED}), in the transaction that handles it;
         * {@code null} when none is due. An item handled or failed in this round must no longer be due at
         * {@code round}, so that a round takes each item at most once.
         */
        Uni<T> claim(OffsetDateTime round);

        /** The item's id, for logs. */
        Object id(T item);

        /** The attempts the item has had before this one. */
        int attempts(T item);

        /** Handles the item in the claim's transaction, marking it handled; a failure rolls back everything. */
        Uni<Void> handle(T item);

        /**
         * Records a failed attempt, outside the rolled-back transaction (the implementation opens its own); after
         * the {@link Attempt#last() last} attempt the item ends, and nothing claims it again until it is retried.
         */
        Uni<Void> failed(T item, Attempt attempt);
    }

    /** A failed attempt: its number (counting this one), the reason, when the item is due again, and whether it was the last. */
    public record Attempt(int number, String reason, OffsetDateTime due, boolean last) {
    }

    /** A claimed row of a queue; its item is read from the columns inside the handling, so a row that cannot be read fails there. */
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
    public <T> Uni<Integer> runOnce(Items<T> items, int limit) {
        return next(items, OffsetDateTime.now(), limit, 0);
    }

    <T> Uni<Integer> runOnce(WorkQueue<T> queue, int limit) {
        return runOnce(new Stored<>(queue), limit);
    }

    private <T> Uni<Integer> next(Items<T> items, OffsetDateTime round, int remaining, int handled) {
        if (remaining == 0) {
            return Uni.createFrom().item(handled);
        }
        return one(items, round).chain(claimed -> claimed ? next(items, round, remaining - 1, handled + 1) : Uni.createFrom().item(handled));
    }

    /** @return whether an item was claimed: handled, or its failed attempt recorded */
    private <T> Uni<Boolean> one(Items<T> items, OffsetDateTime round) {
        AtomicReference<T> claimed = new AtomicReference<>();
        return Panache.withTransaction(() -> items.claim(round).chain(item -> {
                    if (item == null) {
                        return Uni.createFrom().item(false);
                    }
                    claimed.set(item);
                    return Uni.createFrom().voidItem().chain(() -> items.handle(item)).replaceWith(true);
                }))
                .onFailure().recoverWithUni(e -> {
                    if (claimed.get() == null) {
                        LOG.warnf("%s: no item could be claimed, the items stay stored: %s", items.name(), reason(e));
                        return Uni.createFrom().item(false);
                    }
                    return failed(items, claimed.get(), e);
                });
    }

    /** Records the failed attempt, ending the item after its last attempt. */
    private <T> Uni<Boolean> failed(Items<T> items, T item, Throwable error) {
        int number = items.attempts(item) + 1;
        Attempt attempt = new Attempt(number, reason(error), OffsetDateTime.now().plus(backoff(number)), number >= settings.maxAttempts());
        return Uni.createFrom().voidItem().chain(() -> items.failed(item, attempt))
                .invoke(() -> {
                    if (attempt.last()) {
                        LOG.warnf("%s %s ended after %d attempts: %s", items.name(), items.id(item), number, attempt.reason());
                    } else {
                        LOG.infof("%s %s: attempt %d failed, due again at %s: %s", items.name(), items.id(item), number, attempt.due(),
                                attempt.reason());
                    }
                })
                .replaceWith(true)
                .onFailure().recoverWithUni(e -> {
                    // The database is unwell: the round ends, and the item is due again as it was.
                    LOG.warnf("%s %s: the failed attempt could not be recorded, it stays due: %s", items.name(), items.id(item), reason(e));
                    return Uni.createFrom().item(false);
                });
    }

    /**
     * The first row of {@code select} (its ORDER BY included, without a limit) as an entity, locked with SKIP LOCKED,
     * for an {@link Items#claim}; {@code null} when there is none.
     */
    public static <T> Uni<T> claimOne(Class<T> entity, String select, Map<String, Object> parameters) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(select + " LIMIT 1 FOR UPDATE SKIP LOCKED", entity);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The backoff after {@code attempts} failures: the base, doubled for each further failure, capped. */
    Duration backoff(int attempts) {
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    static String reason(Throwable e) {
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        return message.length() <= REASON_LENGTH ? message : message.substring(0, REASON_LENGTH);
    }

    /** A {@link WorkQueue}'s table as items: processed_at marks one handled, parked_at one that ended. */
    private record Stored<T>(WorkQueue<T> queue) implements Items<Claimed> {

        @Override
        public String name() {
            return queue.stored().name();
        }

        @Override
        public Uni<Claimed> claim(OffsetDateTime round) {
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

        @Override
        public Object id(Claimed item) {
            return item.id();
        }

        @Override
        public int attempts(Claimed item) {
            return item.attempts();
        }

        @Override
        public Uni<Void> handle(Claimed item) {
            return Uni.createFrom().item(() -> item.item(queue)).chain(queue::handle)
                    .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("UPDATE " + queue.stored().table()
                                    + " SET processed_at = now() WHERE id = :id")
                            .setParameter("id", item.id()).executeUpdate()))
                    .replaceWithVoid();
        }

        @Override
        public Uni<Void> failed(Claimed item, Attempt attempt) {
            if (!attempt.last()) {
                return Panache.withTransaction(() -> record(item, attempt));
            }
            return Panache.withTransaction(() -> record(item, attempt)
                            .chain(() -> queue.parked(item.item(queue), attempt.number(), attempt.reason())))
                    .onFailure().recoverWithUni(e -> {
                        // Whoever waits for the item was not told; it is parked all the same, for the office to see.
                        LOG.warnf("%s %d: telling about its parking failed: %s", name(), item.id(), reason(e));
                        return Panache.withTransaction(() -> record(item, attempt));
                    });
        }

        private Uni<Void> record(Claimed item, Attempt attempt) {
            return Panache.getSession().chain(s -> s.createNativeQuery("UPDATE " + queue.stored().table()
                            + " SET attempts = :attempts, last_error = :reason, next_attempt_at = :due,"
                            + " parked_at = CASE WHEN :park THEN now() END WHERE id = :id AND processed_at IS NULL")
                    .setParameter("attempts", attempt.number()).setParameter("reason", attempt.reason()).setParameter("due", attempt.due())
                    .setParameter("park", attempt.last()).setParameter("id", item.id()).executeUpdate()).replaceWithVoid();
        }
    }
}
