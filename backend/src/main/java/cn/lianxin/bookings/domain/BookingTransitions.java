package cn.lianxin.bookings.domain;

import static cn.lianxin.bookings.domain.BookingState.COMPLETED;
import static cn.lianxin.bookings.domain.BookingState.CONFIRMED;
import static cn.lianxin.bookings.domain.BookingState.HELD;
import static cn.lianxin.bookings.domain.BookingState.MISSED_BY_RESIDENT;
import static cn.lianxin.bookings.domain.BookingState.REMINDED;

import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A booking's lifecycle as one table, the way {@code cases.domain.Transitions} holds the six steps: for each
 * command the states it may be given in, the state it leads to, who may give it and the named rules of time it must
 * meet. {@link #refusal} is the one answer to "may this caller do this to this booking now?" — the API's 403/409,
 * the mini-program's cancel button and the workers that remind and mark no-shows all ask it.
 */
public final class BookingTransitions {

    /** Who gives commands nobody types: the hold sweeper, the reminders, the attendance check. */
    public static final Caller SYSTEM = new Caller("system", null, null, null, null, null);

    /** The town's settings the rules read: how long before the slot a resident may still cancel or move it. */
    public record Policy(Duration residentCancelUntil) {
    }

    /** What a guard reads: the booking, who acts, when, under which policy. */
    record Moment(BookingFacts booking, Set<Actor> actors, Instant now, Policy policy) {
    }

    enum Actor { RESIDENT, LIAISON, TOWN_OFFICE, BOOKED_REPRESENTATIVE, SYSTEM }

    /** A condition beyond the state, named so that a refusal says which one failed. */
    public enum Guard {
        HOLD_UNEXPIRED("保留已过期，请重新选择时段 (the hold has expired; choose a slot again).",
                m -> m.now().isBefore(m.booking().expiresAt())),
        HOLD_EXPIRED("The hold has not expired yet.", m -> !m.now().isBefore(m.booking().expiresAt())),
        NOT_STARTED("The slot has already begun.", m -> m.now().isBefore(m.booking().startsAt())),
        // Only the resident is held to the window; staff may still cancel for them (they phoned) until the start.
        RESIDENT_WINDOW("距接待开始太近，不能再取消或改期，请联系联络员 (too close to the slot to cancel or move it).",
                m -> !m.actors().equals(EnumSet.of(Actor.RESIDENT))
                        || m.now().isBefore(m.booking().startsAt().minus(m.policy().residentCancelUntil()))),
        STARTED("The slot has not begun yet.", m -> !m.now().isBefore(m.booking().startsAt())),
        ENDED("The slot is not over yet.", m -> !m.now().isBefore(m.booking().endsAt()));

        final String why;
        private final Predicate<Moment> holds;

        Guard(String why, Predicate<Moment> holds) {
            this.why = why;
            this.holds = holds;
        }
    }

    record Rule(Set<BookingState> from, BookingState to, Set<Actor> by, List<Guard> guards) {
    }

    private static final Map<BookingCommand, Rule> RULES = new EnumMap<>(BookingCommand.class);

    static {
        Set<Actor> booker = EnumSet.of(Actor.RESIDENT, Actor.LIAISON, Actor.TOWN_OFFICE);
        Set<Actor> office = EnumSet.of(Actor.LIAISON, Actor.TOWN_OFFICE);
        Set<BookingState> booked = EnumSet.of(CONFIRMED, REMINDED);
        rule(BookingCommand.CONFIRM, EnumSet.of(HELD), CONFIRMED, booker, Guard.HOLD_UNEXPIRED);
        rule(BookingCommand.RELEASE, EnumSet.of(HELD), BookingState.CANCELLED, booker);
        rule(BookingCommand.EXPIRE, EnumSet.of(HELD), BookingState.EXPIRED, EnumSet.of(Actor.SYSTEM), Guard.HOLD_EXPIRED);
        rule(BookingCommand.REMIND, booked, REMINDED, EnumSet.of(Actor.SYSTEM), Guard.NOT_STARTED);
        Set<Actor> cancellers = EnumSet.of(Actor.RESIDENT, Actor.LIAISON, Actor.TOWN_OFFICE, Actor.BOOKED_REPRESENTATIVE);
        rule(BookingCommand.CANCEL, booked, BookingState.CANCELLED, cancellers, Guard.NOT_STARTED, Guard.RESIDENT_WINDOW);
        rule(BookingCommand.RESCHEDULE, booked, BookingState.RESCHEDULED, cancellers, Guard.NOT_STARTED, Guard.RESIDENT_WINDOW);
        Set<Actor> attendance = EnumSet.of(Actor.SYSTEM, Actor.LIAISON, Actor.TOWN_OFFICE);
        rule(BookingCommand.COMPLETE, booked, COMPLETED, attendance, Guard.STARTED);
        rule(BookingCommand.MISS_BY_RESIDENT, booked, MISSED_BY_RESIDENT, attendance, Guard.ENDED);
        rule(BookingCommand.MISS_BY_REPRESENTATIVE, booked, BookingState.MISSED_BY_REPRESENTATIVE, attendance, Guard.ENDED);
        rule(BookingCommand.RECORD_NOTES, EnumSet.of(COMPLETED, MISSED_BY_RESIDENT), null,
                EnumSet.of(Actor.BOOKED_REPRESENTATIVE, Actor.LIAISON, Actor.TOWN_OFFICE));
    }

    private BookingTransitions() {
    }

    private static void rule(BookingCommand command, Set<BookingState> from, BookingState to, Set<Actor> by, Guard... guards) {
        RULES.put(command, new Rule(Set.copyOf(from), to, Set.copyOf(by), List.of(guards)));
    }

    /** Empty when the caller may give the command to the booking now; otherwise why not. */
    public static Optional<BookingRefusal> refusal(Caller caller, BookingFacts booking, BookingCommand command, Instant now, Policy policy) {
        Rule rule = RULES.get(command);
        Set<Actor> actors = actorsOf(caller, booking);
        if (actors.stream().noneMatch(rule.by()::contains)) {
            return Optional.of(new BookingRefusal.NotPermitted(command, command.label() + " is not yours to do on this booking"));
        }
        if (!rule.from().contains(booking.state())) {
            return Optional.of(new BookingRefusal.NotNow(booking.state(), command,
                    command.label() + " is not possible while the booking is " + booking.state().label(), allowed(caller, booking, now, policy)));
        }
        Moment moment = new Moment(booking, actors, now, policy);
        return rule.guards().stream().filter(g -> !g.holds.test(moment)).findFirst()
                .map(g -> new BookingRefusal.NotNow(booking.state(), command, g.why, allowed(caller, booking, now, policy)));
    }

    public static boolean allows(Caller caller, BookingFacts booking, BookingCommand command, Instant now, Policy policy) {
        Rule rule = RULES.get(command);
        Set<Actor> actors = actorsOf(caller, booking);
        Moment moment = new Moment(booking, actors, now, policy);
        return actors.stream().anyMatch(rule.by()::contains) && rule.from().contains(booking.state())
                && rule.guards().stream().allMatch(g -> g.holds.test(moment));
    }

    /** The commands this caller may give the booking now. */
    public static List<BookingCommand> allowed(Caller caller, BookingFacts booking, Instant now, Policy policy) {
        return Arrays.stream(BookingCommand.values()).filter(c -> allows(caller, booking, c, now, policy)).toList();
    }

    /** Where the command leads; the state stays for a command that only adds to the record. */
    public static BookingState target(BookingState state, BookingCommand command) {
        BookingState to = RULES.get(command).to();
        return to == null ? state : to;
    }

    private static Set<Actor> actorsOf(Caller caller, BookingFacts b) {
        if (caller == SYSTEM) {
            return EnumSet.of(Actor.SYSTEM);
        }
        if (caller.isResident()) {
            return caller.residentId().equals(b.residentId()) ? EnumSet.of(Actor.RESIDENT) : EnumSet.noneOf(Actor.class);
        }
        Set<Actor> actors = EnumSet.noneOf(Actor.class);
        if (caller.representativeId() != null && caller.representativeId() == b.representativeId()) {
            actors.add(Actor.BOOKED_REPRESENTATIVE);
        }
        if (caller.is(StaffRole.TOWN_OFFICE)) {
            actors.add(Actor.TOWN_OFFICE);
        }
        if (caller.is(StaffRole.LIAISON) && caller.workstationId() != null && caller.workstationId() == b.workstationId()) {
            actors.add(Actor.LIAISON);
        }
        return actors;
    }
}
