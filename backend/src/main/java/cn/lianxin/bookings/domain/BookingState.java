package cn.lianxin.bookings.domain;

import java.util.EnumSet;
import java.util.Set;

/** Where a booking of a reception slot stands. A hold is a booking not yet confirmed. */
public enum BookingState {
    HELD("已保留"),
    /** A hold that ran out before it was confirmed; its slot is free again. */
    EXPIRED("保留已过期"),
    CONFIRMED("已预约"),
    REMINDED("已提醒"),
    /** The call was held: both sides joined. */
    COMPLETED("已接待"),
    CANCELLED("已取消"),
    MISSED_BY_RESIDENT("群众未到"),
    MISSED_BY_REPRESENTATIVE("代表未到"),
    /** Moved to another slot: the booking that replaced it carries on. */
    RESCHEDULED("已改期");

    /**
     * The states whose time is taken: the exclusion constraint's predicate in V45 lists exactly these (a HELD row
     * past its expiry is cleared to EXPIRED before a new hold of an overlapping time is written).
     */
    public static final Set<BookingState> LIVE = EnumSet.of(HELD, CONFIRMED, REMINDED);

    /** Booked and still ahead: what a resident's cap counts, with unexpired holds. */
    public static final Set<BookingState> OPEN = EnumSet.of(CONFIRMED, REMINDED);

    private final String label;

    BookingState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
