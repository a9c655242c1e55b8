package cn.lianxin.calendar;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Dates;
import cn.lianxin.api.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The town office's working-day calendar: the exceptions to Monday-to-Friday (holidays on weekdays, weekend
 * make-up working days) and the deadline they give. Dates in paths and queries are parsed by {@link Dates}, so
 * that a malformed one is a 422 naming it rather than a bare 404.
 */
@Path("/api/calendar")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Calendar")
public class CalendarResource {

    /** Enough for any case deadline; keeps a request from walking the calendar for centuries. */
    static final int MAX_WORKING_DAYS = 366;

    public record CalendarDayRequest(@NotNull DayKind kind, @NotBlank @Size(max = 50) String name) {
    }

    public record CalendarDayView(LocalDate day, DayOfWeek dayOfWeek, DayKind kind, String name, OffsetDateTime updatedAt) {
        static CalendarDayView of(CalendarDay d) {
            return new CalendarDayView(d.day, d.day.getDayOfWeek(), d.kind, d.name, d.updatedAt);
        }
    }

    public record DeadlineView(LocalDate from, int days, LocalDate due, OffsetDateTime deadline) {
    }

    private final WorkingCalendar calendar;
    private final CalendarDays exceptions;

    public CalendarResource(WorkingCalendar calendar, CalendarDays exceptions) {
        this.calendar = calendar;
        this.exceptions = exceptions;
    }

    @GET
    @WithSession
    @Operation(summary = "The exceptions of a year (holidays on weekdays, weekend make-up working days), by date; "
            + "every other Monday to Friday is a working day")
    public Uni<List<CalendarDayView>> list(@QueryParam("year") @Parameter(description = "defaults to the current year", example = "2026") Integer year) {
        int wanted = year == null ? LocalDate.now(calendar.current().zone()).getYear() : year;
        if (wanted < 1 || wanted > 9999) {
            throw ApiException.invalidField("year", "must be a year from 1 to 9999");
        }
        return exceptions.year(wanted).map(list -> list.stream().map(CalendarDayView::of).toList());
    }

    @PUT
    @Path("{date}")
    @Operation(summary = "Make a day an exception, or replace the exception it is: HOLIDAY on a weekday, WORKDAY on a weekend")
    public Uni<CalendarDayView> put(@PathParam("date") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2027-10-04") String date,
            @Valid @NotNull CalendarDayRequest request) {
        return exceptions.put(Dates.parse(date, "date"), request).map(CalendarDayView::of);
    }

    @DELETE
    @Path("{date}")
    @Operation(summary = "Return a day to the default rule (Monday to Friday work, weekends off)")
    public Uni<Response> delete(@PathParam("date") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2027-10-04") String date) {
        return exceptions.delete(Dates.parse(date, "date")).map(done -> Response.noContent().build());
    }

    @GET
    @Path("working-days")
    @Operation(summary = "The deadline that many working days after a date: the n-th working day after it (n = 0: the date "
            + "itself if it is a working day, else the next one), ending at the configured end of the working day")
    public DeadlineView workingDays(
            @QueryParam("from") @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2026-09-30") String from,
            @QueryParam("days") @Parameter(required = true, example = "3") Integer days) {
        LocalDate start = Dates.parse(from, "from");
        if (days == null || days < 0 || days > MAX_WORKING_DAYS) {
            throw ApiException.invalidField("days", "must be a number of working days from 0 to " + MAX_WORKING_DAYS);
        }
        WorkingDays current = calendar.current();
        OffsetDateTime deadline = current.deadline(start.atStartOfDay(current.zone()), days).toOffsetDateTime();
        return new DeadlineView(start, days, deadline.toLocalDate(), deadline);
    }
}
