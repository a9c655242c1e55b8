package cn.lianxin.stats;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Dates;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The town's calendar days {@code from} to {@code to}, both included, as in the case list's filters. */
record Period(LocalDate from, LocalDate to) {

    /** A year, a leap year included: enough for an annual report, and it bounds what one request may read. */
    static final int MAX_DAYS = 366;

    static Period parse(String from, String to) {
        LocalDate start = Dates.parse(from, "from");
        LocalDate end = Dates.parse(to, "to");
        if (end.isBefore(start)) {
            throw ApiException.invalidField("to", "must not be before from (" + start + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw ApiException.invalidField("to", "the period may be at most " + MAX_DAYS + " days long");
        }
        return new Period(start, end);
    }

    OffsetDateTime start(ZoneId zone) {
        return Dates.startOf(from, zone);
    }

    /** The first instant after the period: the start of the day after {@code to}. */
    OffsetDateTime end(ZoneId zone) {
        return Dates.endOf(to, zone);
    }
}
