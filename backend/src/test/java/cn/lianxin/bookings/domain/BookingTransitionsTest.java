package cn.lianxin.bookings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BookingTransitionsTest {

    private static final UUID RESIDENT = UUID.randomUUID();
    private static final Instant START = Instant.parse("2026-10-08T06:00:00Z");
    private static final BookingTransitions.Policy POLICY = new BookingTransitions.Policy(Duration.ofHours(2));
    private static final Caller ME = Caller.resident(RESIDENT, "居民");
    private static final Caller LIAISON = new Caller("liaison", StaffRole.LIAISON, 1L, 10L, null, null);
    private static final Caller OTHER_LIAISON = new Caller("other", StaffRole.LIAISON, 1L, 11L, null, null);

    private static BookingFacts booking(BookingState state) {
        return new BookingFacts(state, RESIDENT, 5, 10, START, START.plusSeconds(1800), START.minusSeconds(86_400));
    }

    @Test
    void shouldConfirmAHoldOnlyBeforeItExpires() {
        BookingFacts hold = new BookingFacts(BookingState.HELD, RESIDENT, 5, 10, START, START.plusSeconds(1800), Instant.parse("2026-10-01T00:05:00Z"));
        assertThat(BookingTransitions.refusal(ME, hold, BookingCommand.CONFIRM, Instant.parse("2026-10-01T00:04:59Z"), POLICY)).isEmpty();
        assertThat(BookingTransitions.refusal(ME, hold, BookingCommand.CONFIRM, Instant.parse("2026-10-01T00:05:00Z"), POLICY))
                .get().extracting(BookingRefusal::why).asString().contains("expired");
        assertThat(BookingTransitions.allows(BookingTransitions.SYSTEM, hold, BookingCommand.EXPIRE, Instant.parse("2026-10-01T00:05:00Z"), POLICY)).isTrue();
        assertThat(BookingTransitions.allowed(ME, hold, Instant.parse("2026-10-01T00:04:00Z"), POLICY))
                .containsExactly(BookingCommand.CONFIRM, BookingCommand.RELEASE);
        assertThat(BookingTransitions.allowed(OTHER_LIAISON, hold, Instant.parse("2026-10-01T00:04:00Z"), POLICY)).isEmpty();
    }

    @Test
    void shouldHoldTheResidentToTheCancelWindowButNotTheirLiaison() {
        Instant late = START.minus(Duration.ofMinutes(90));
        assertThat(BookingTransitions.refusal(ME, booking(BookingState.CONFIRMED), BookingCommand.CANCEL, late, POLICY))
                .get().isInstanceOf(BookingRefusal.NotNow.class);
        assertThat(BookingTransitions.allows(ME, booking(BookingState.CONFIRMED), BookingCommand.CANCEL, START.minus(Duration.ofHours(3)), POLICY)).isTrue();
        assertThat(BookingTransitions.allows(LIAISON, booking(BookingState.REMINDED), BookingCommand.CANCEL, late, POLICY)).isTrue();
        assertThat(BookingTransitions.refusal(OTHER_LIAISON, booking(BookingState.CONFIRMED), BookingCommand.CANCEL, late, POLICY))
                .get().isInstanceOf(BookingRefusal.NotPermitted.class);
    }

    @Test
    void shouldLetOnlyTheAttendanceCheckMarkANoShowOnceTheSlotIsOver() {
        Instant during = START.plusSeconds(600);
        assertThat(BookingTransitions.allows(BookingTransitions.SYSTEM, booking(BookingState.REMINDED), BookingCommand.MISS_BY_REPRESENTATIVE, during, POLICY)).isFalse();
        assertThat(BookingTransitions.allows(BookingTransitions.SYSTEM, booking(BookingState.REMINDED), BookingCommand.MISS_BY_REPRESENTATIVE,
                START.plusSeconds(1800), POLICY)).isTrue();
        assertThat(BookingTransitions.allows(ME, booking(BookingState.REMINDED), BookingCommand.MISS_BY_REPRESENTATIVE, START.plusSeconds(1800), POLICY)).isFalse();
        assertThat(BookingTransitions.target(BookingState.REMINDED, BookingCommand.MISS_BY_RESIDENT)).isEqualTo(BookingState.MISSED_BY_RESIDENT);
    }

    @Test
    void shouldOfferTheResidentCancelAndRescheduleOnlyWhileTheyMay() {
        assertThat(BookingTransitions.allowed(ME, booking(BookingState.CONFIRMED), START.minus(Duration.ofDays(1)), POLICY))
                .containsExactly(BookingCommand.CANCEL, BookingCommand.RESCHEDULE);
        assertThat(BookingTransitions.allowed(ME, booking(BookingState.CANCELLED), START.minus(Duration.ofDays(1)), POLICY)).isEmpty();
    }
}
