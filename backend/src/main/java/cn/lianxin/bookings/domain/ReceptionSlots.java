package cn.lianxin.bookings.domain;

import cn.lianxin.calendar.WorkingDays;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The reception slots representatives offer, from their weekly rules, their dated openings and closings, the
 * working calendar and their leave. Plain arithmetic: who loads the rules and subtracts what is taken is
 * {@code bookings.Slots}.
 *
 * <ul>
 * <li>On a day with dated entries for a representative, those replace the week's rules (an extra opening, or a
 * closing when the entries have no hours).</li>
 * <li>Otherwise the weekly rules apply on working days only: a public holiday has none; a weekend worked as a 调休
 * make-up day has Monday's (the calendar does not say which weekday a make-up day stands in for).</li>
 * <li>On a day of leave a representative's slots are offered as their stand-in's, or not at all without one.</li>
 * </ul>
 */
public final class ReceptionSlots {

    /** Receiving on {@code weekday} (Monday to Friday) from {@code from} to {@code to}, slots of a length, a buffer after each. */
    public record Rule(DayOfWeek weekday, LocalTime from, LocalTime to, int slotMinutes, int bufferMinutes) {
    }

    /** Hours on one date replacing the week's rules; {@code from} null: no reception that day. */
    public record Dated(LocalDate day, LocalTime from, LocalTime to, int slotMinutes, int bufferMinutes) {
        public boolean closed() {
            return from == null;
        }
    }

    /** Away from {@code from} to {@code to} (both included); {@code standInId} takes the slots, or null. */
    public record Leave(LocalDate from, LocalDate to, Long standInId) {
        boolean covers(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    /** One representative's published schedule. */
    public record Schedule(long representativeId, List<Rule> rules, List<Dated> dated, List<Leave> leave) {
    }

    /** A slot as offered: {@code representativeId} receives (a stand-in, during leave), {@code ownerId} published it. */
    public record Slot(long representativeId, long ownerId, Instant startsAt, Instant endsAt) {
        public boolean overlaps(Instant start, Instant end) {
            return startsAt.isBefore(end) && start.isBefore(endsAt);
        }
    }

    private ReceptionSlots() {
    }

    /**
     * Every slot of these schedules on the days {@code from} to {@code to}, in order of time; where one representative
     * would receive twice at once (their own slot and one they stand in for), the earlier-starting one is kept.
     */
    public static List<Slot> offered(List<Schedule> schedules, LocalDate from, LocalDate to, WorkingDays calendar) {
        List<Slot> all = new ArrayList<>();
        for (Schedule schedule : schedules) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                Optional<Long> receiver = receiver(schedule, day);
                if (receiver.isPresent()) {
                    for (Dated hours : hours(schedule, day, calendar)) {
                        slice(receiver.get(), schedule.representativeId(), day, hours, calendar, all);
                    }
                }
            }
        }
        all.sort(Comparator.comparing(Slot::startsAt).thenComparing(Slot::representativeId).thenComparing(Slot::ownerId));
        List<Slot> kept = new ArrayList<>();
        for (Slot slot : all) {
            if (kept.stream().noneMatch(k -> k.representativeId() == slot.representativeId() && k.overlaps(slot.startsAt(), slot.endsAt()))) {
                kept.add(slot);
            }
        }
        return kept;
    }

    private static Optional<Long> receiver(Schedule schedule, LocalDate day) {
        return schedule.leave().stream().filter(l -> l.covers(day)).findFirst()
                .map(l -> Optional.ofNullable(l.standInId())).orElse(Optional.of(schedule.representativeId()));
    }

    private static List<Dated> hours(Schedule schedule, LocalDate day, WorkingDays calendar) {
        List<Dated> dated = schedule.dated().stream().filter(d -> d.day().equals(day)).toList();
        if (!dated.isEmpty()) {
            return dated.stream().filter(d -> !d.closed()).toList();
        }
        if (!calendar.isWorkingDay(day)) {
            return List.of();
        }
        DayOfWeek weekday = WorkingDays.isWeekday(day) ? day.getDayOfWeek() : DayOfWeek.MONDAY;
        return schedule.rules().stream().filter(r -> r.weekday() == weekday)
                .map(r -> new Dated(day, r.from(), r.to(), r.slotMinutes(), r.bufferMinutes())).toList();
    }

    private static void slice(long receiver, long owner, LocalDate day, Dated hours, WorkingDays calendar, List<Slot> into) {
        Instant end = day.atTime(hours.to()).atZone(calendar.zone()).toInstant();
        Duration length = Duration.ofMinutes(hours.slotMinutes());
        Duration step = length.plusMinutes(hours.bufferMinutes());
        for (Instant start = day.atTime(hours.from()).atZone(calendar.zone()).toInstant(); !start.plus(length).isAfter(end);
                start = start.plus(step)) {
            into.add(new Slot(receiver, owner, start, start.plus(length)));
        }
    }
}
