package cn.lianxin.work;

import io.smallrye.mutiny.Uni;

/**
 * One kind of stored work, run by the {@link Worker}: a table whose rows are the items (an identity {@code id},
 * {@code processed_at}, and the columns of V21: {@code attempts}, {@code last_error}, {@code next_attempt_at},
 * {@code parked_at}), and what handling one item means. A queue is a {@code @Singleton} bean: it needs no client
 * proxy, and so no constructor without arguments. Its {@code @Scheduled} method calls {@link #drain()}; tests
 * call {@link #runOnce()} directly.
 *
 * @param <T> an item, as far as handling it needs
 */
public abstract class WorkQueue<T> {

    /**
     * Where a queue's items are; constants of the queue, never input.
     *
     * @param name the queue's name in the parked list and its retry path, e.g. {@code sms-uplink}
     * @param table the table of the items
     * @param columns the columns {@link #item} reads, in order, after the id
     */
    public record Stored(String name, String table, String columns) {
    }

    private final Worker worker;
    private final Stored stored;
    private final int batchSize;

    protected WorkQueue(Worker worker, Stored stored, int batchSize) {
        this.worker = worker;
        this.stored = stored;
        this.batchSize = batchSize;
    }

    /** Up to a batch of due items, each in its own transaction; @return how many were handled or failed an attempt */
    public Uni<Integer> runOnce() {
        return worker.runOnce(this, batchSize);
    }

    /** Rounds while they come back full ({@link Rounds#drain}): what the queue's {@code @Scheduled} method runs. */
    public Uni<Void> drain() {
        return Rounds.drain(this::runOnce, batchSize);
    }

    public Stored stored() {
        return stored;
    }

    /** The item from the claimed row's {@link Stored#columns()}. */
    protected abstract T item(long id, Object[] columns);

    /**
     * Handles one item inside its own transaction; the worker marks it processed in the same transaction. A failure
     * rolls back everything the handling wrote, and the item is tried again later.
     */
    protected abstract Uni<Void> handle(T item);

    /**
     * Called in the transaction that parks the item after its last attempt, so that whoever is waiting for it can be
     * told; {@code attempts} counts every attempt so far. Nothing by default.
     */
    protected Uni<Void> parked(T item, int attempts, String reason) {
        return Uni.createFrom().voidItem();
    }
}
