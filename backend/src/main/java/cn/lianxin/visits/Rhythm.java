package cn.lianxin.visits;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The period in which each contact village is to be visited once. */
public enum Rhythm {
    WEEKLY,
    MONTHLY;

    /** The first day of the period {@code day} falls in: its Monday, or the first of its month. */
    public LocalDate start(LocalDate day) {
        return this == WEEKLY ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    /** The last day of the period that begins on {@code start}. */
    public LocalDate end(LocalDate start) {
        return this == WEEKLY ? start.plusDays(6) : start.with(TemporalAdjusters.lastDayOfMonth());
    }
}
