package cn.lianxin.broadcasts.domain;

/**
 * A delivery row's status. Each has a rank; a row only ever moves to a higher rank ({@link #advances}), so a late
 * or repeated receipt, a replayed callback or a slow worker can never move it back. FAILED, OPTED_OUT and SKIPPED
 * end a row; a FAILED SMS can be retried (back to PENDING) only by the office's explicit retry.
 */
public enum DeliveryStatus {
    PENDING(0),
    SENDING(1),
    SENT(2),
    FAILED(3),
    DELIVERED(4),
    READ(5),
    OPTED_OUT(6),
    SKIPPED(6);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** Whether a row in {@code from} may move to this status. */
    public boolean advances(DeliveryStatus from) {
        return rank > from.rank && from != OPTED_OUT && from != SKIPPED;
    }
}
