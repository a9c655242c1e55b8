package cn.lianxin.bookings;

import cn.lianxin.bookings.domain.BookingTransitions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The town's booking settings ({@code lianxin.bookings.*}). */
@ConfigMapping(prefix = "lianxin.bookings")
public interface BookingSettings {

    /** How long a hold keeps its slot while the resident writes what the call is about. */
    @WithDefault("5M")
    Duration holdFor();

    /** Open bookings (unexpired holds included) one resident may have at once. */
    @WithDefault("2")
    int openPerResident();

    /** Until how long before the slot a resident may cancel or move it themself. */
    @WithDefault("2H")
    Duration residentCancelUntil();

    /** How many days at most one slot query spans. */
    @WithDefault("31")
    int maxDays();

    /** How often {@code Meetings} opens the meetings now due and reads the attendance of the calls now over. */
    @WithDefault("30s")
    Duration meetingsInterval();

    /** The first reminder, on both sides, this long before the slot (a booking made later than this gets none). */
    @WithDefault("24H")
    Duration remindDayBefore();

    /** The last reminder, with the join link, this long before the slot. */
    @WithDefault("30M")
    Duration remindShortlyBefore();

    /** How often {@code Reminders} looks for the reminders now due. */
    @WithDefault("1m")
    Duration remindersInterval();

    default BookingTransitions.Policy policy() {
        return new BookingTransitions.Policy(residentCancelUntil());
    }
}
