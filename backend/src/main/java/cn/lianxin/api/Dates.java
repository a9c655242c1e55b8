package cn.lianxin.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Dates in paths and queries, parsed by the resource rather than by JAX-RS: a malformed one is then a 422
 * naming the parameter, not the bare 404 JAX-RS gives for a parameter it cannot convert.
 */
public final class Dates {

    private Dates() {
    }

    public static LocalDate parse(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required, as a date such as 2026-10-01");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be a date such as 2026-10-01");
        }
    }

    /** The first instant of a town's calendar day. */
    public static OffsetDateTime startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

    /** The first instant after a town's calendar day: with {@link #startOf}, the bounds of "days a to b, both included". */
    public static OffsetDateTime endOf(LocalDate day, ZoneId zone) {
        return startOf(day.plusDays(1), zone);
    }
}
