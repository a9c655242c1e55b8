package cn.lianxin.calendar;

import cn.lianxin.api.ApiException;
import cn.lianxin.calendar.CalendarResource.CalendarDayRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/**
 * The calendar's exceptions as the town office edits them, for the API and the console alike. Each edit runs its
 * own transaction, not the caller's: the deadline calendar must reload after the commit, not before it.
 */
@ApplicationScoped
public class CalendarDays {

    private final WorkingCalendar calendar;

    public CalendarDays(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    /** The exceptions of one year, by date; the caller holds the session. */
    public Uni<List<CalendarDay>> year(int year) {
        return CalendarDay.list("day >= ?1 and day < ?2 order by day", LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }

    /** Makes a day an exception or replaces the exception it is; refused when the kind would change nothing that day. */
    public Uni<CalendarDay> put(LocalDate day, CalendarDayRequest request) {
        if (!request.kind().breaksDefaultRuleOn(day)) {
            return Uni.createFrom().failure(ApiException.invalidField("kind", "%s is a %s, %s anyway; only a %s changes it".formatted(day,
                    day.getDayOfWeek(), WorkingDays.isWeekday(day) ? "a working day" : "a day off",
                    WorkingDays.isWeekday(day) ? DayKind.HOLIDAY : DayKind.WORKDAY)));
        }
        return Panache.withTransaction(() -> CalendarDay.<CalendarDay>findById(day).chain(existing -> existing == null
                        ? apply(new CalendarDay(), day, request).<CalendarDay>persist()
                        : Uni.createFrom().item(apply(existing, day, request))))
                .call(calendar::reload);
    }

    /** Returns a day to the default rule; 404 when it was no exception. */
    public Uni<Void> delete(LocalDate day) {
        return Panache.withTransaction(() -> CalendarDay.deleteById(day))
                .call(deleted -> deleted ? calendar.reload() : Uni.createFrom().failure(ApiException.notFound("A calendar exception on " + day)))
                .replaceWithVoid();
    }

    private static CalendarDay apply(CalendarDay calendarDay, LocalDate day, CalendarDayRequest request) {
        calendarDay.day = day;
        calendarDay.kind = request.kind();
        calendarDay.name = request.name().strip();
        return calendarDay;
    }
}
