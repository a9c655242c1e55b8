package cn.lianxin.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Working-day arithmetic over one snapshot of the calendar: Monday to Friday work, Saturday and Sunday rest,
 * except where an exception says otherwise. Immutable; the rules for counting are:
 *
 * <ul>
 * <li>{@link #addWorkingDays}: the n-th working day <em>after</em> the start, so the start itself never counts
 * for n ≥ 1; n = 0 is the start when it is a working day, else the next working day.</li>
 * <li>{@link #deadline}: the end of that working day ({@code endOfWorkingDay}, 18:00 by configuration) in the
 * town's zone. A deadline is never already past when it is set: n = 0 after the end of a working day is the
 * end of the next working day.</li>
 * <li>{@link #workingDaysBetween}: the working days in (a, b], so that it undoes {@link #addWorkingDays}.</li>
 * </ul>
 */
public final class WorkingDays {

    /** 1970-01-05 was a Monday; whole weeks are counted from it. */
    private static final long MONDAY_EPOCH_DAY = 4;

    private final NavigableMap<LocalDate, DayKind> exceptions;
    private final ZoneId zone;
    private final LocalTime endOfWorkingDay;

    public WorkingDays(Map<LocalDate, DayKind> exceptions, ZoneId zone, LocalTime endOfWorkingDay) {
        this.exceptions = new TreeMap<>(exceptions);
        this.zone = zone;
        this.endOfWorkingDay = endOfWorkingDay;
    }

    public static boolean isWeekday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = exceptions.get(day);
        return kind == null ? isWeekday(day) : kind == DayKind.WORKDAY;
    }

    /** The n-th working day after {@code start}; for n = 0, {@code start} itself if it is a working day, else the next one. */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        if (n == 0) {
            LocalDate day = start;
            while (!isWorkingDay(day)) {
                day = day.plusDays(1);
            }
            return day;
        }
        LocalDate day = start;
        for (int counted = 0; counted < n;) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The end of the n-th working day after the town's calendar day of {@code from}, in the town's zone. */
    public ZonedDateTime deadline(ZonedDateTime from, int workingDays) {
        ZonedDateTime local = from.withZoneSameInstant(zone);
        ZonedDateTime due = endOf(addWorkingDays(local.toLocalDate(), workingDays));
        // Only n = 0 can land before `from` (a working day, after hours): then it is the next working day's end.
        return due.isAfter(local) ? due : endOf(addWorkingDays(local.toLocalDate(), workingDays + 1));
    }

    /**
     * The working days after {@code a} up to and including {@code b}: 0 for the same day, 1 from a working
     * day's eve to it; negative when {@code b} is before {@code a}. Overdue by this many working days when
     * {@code a} is the due date and {@code b} today.
     */
    public int workingDaysBetween(LocalDate a, LocalDate b) {
        if (b.isBefore(a)) {
            return -workingDaysBetween(b, a);
        }
        long count = weekdaysBefore(b.plusDays(1)) - weekdaysBefore(a.plusDays(1));
        // Each exception in (a, b] moves the count by how far it departs from the default rule (a harmless
        // holiday on a weekend moves nothing).
        for (Map.Entry<LocalDate, DayKind> exception : exceptions.subMap(a, false, b, true).entrySet()) {
            boolean working = exception.getValue() == DayKind.WORKDAY;
            boolean weekday = isWeekday(exception.getKey());
            count += (working ? 1 : 0) - (weekday ? 1 : 0);
        }
        return Math.toIntExact(count);
    }

    private ZonedDateTime endOf(LocalDate day) {
        return day.atTime(endOfWorkingDay).atZone(zone);
    }

    /** Mondays to Fridays from a fixed Monday up to, not including, {@code day} (negative before it). */
    private static long weekdaysBefore(LocalDate day) {
        long days = day.toEpochDay() - MONDAY_EPOCH_DAY;
        return Math.floorDiv(days, 7) * 5 + Math.min(Math.floorMod(days, 7), 5);
    }
}
