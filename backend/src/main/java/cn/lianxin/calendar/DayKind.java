package cn.lianxin.calendar;

import java.time.LocalDate;

/** How a calendar exception breaks the default rule (Monday to Friday work, Saturday and Sunday rest). */
public enum DayKind {
    /** A weekday off: a public holiday, or a weekday given off in a 调休 swap. */
    HOLIDAY,
    /** A weekend day worked to make up for a weekday off (调休上班). */
    WORKDAY;

    /** Whether this kind on {@code day} changes anything: a holiday on a Sunday, say, is off anyway. */
    public boolean breaksDefaultRuleOn(LocalDate day) {
        return (this == HOLIDAY) == WorkingDays.isWeekday(day);
    }
}
