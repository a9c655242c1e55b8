package cn.lianxin.console.masterdata;

import cn.lianxin.api.ApiException;
import cn.lianxin.calendar.CalendarDay;
import cn.lianxin.calendar.CalendarDays;
import cn.lianxin.calendar.CalendarResource.CalendarDayRequest;
import cn.lianxin.calendar.DayKind;
import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.console.masterdata.FormField.Option;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * 工作日历: the exceptions to Monday-to-Friday that deadlines are counted in — weekdays off (节假日, and the weekdays
 * given off in a 调休 swap) and weekend days worked (调休上班). A record is keyed by its date and deleted, not
 * deactivated: without it the day follows the default rule again.
 */
@Singleton
class CalendarEditor extends Editor<CalendarDay, CalendarEditor.Entry> {

    /** The API's request with the date its path carries. */
    record Entry(LocalDate date, @Valid @NotNull CalendarDayRequest exception) {
    }

    private static final List<Option> KINDS = List.of(new Option(DayKind.HOLIDAY.name(), label(DayKind.HOLIDAY)),
            new Option(DayKind.WORKDAY.name(), label(DayKind.WORKDAY)));

    private final CalendarDays days;
    private final WorkingCalendar calendar;

    CalendarEditor(CalendarDays days, WorkingCalendar calendar) {
        super("calendar", "工作日历", "例外日");
        this.days = days;
        this.calendar = calendar;
    }

    static String label(DayKind kind) {
        return kind == DayKind.HOLIDAY ? "放假（节假日或调休）" : "调休上班";
    }

    @Override
    String uniqueField() {
        return "date";
    }

    @Override
    Uni<Listing> list(int page, FormState query) {
        Long year = query.id("year");
        int shown = year == null || year < 1 || year > 9999 ? LocalDate.now(calendar.current().zone()).getYear() : year.intValue();
        return days.year(shown).map(list -> new Listing(List.of("日期", "星期", "安排", "名称"),
                list.stream().map(d -> new Listing.Row(d.day.toString(), List.of(d.day.toString(), weekday(d.day.getDayOfWeek()),
                        label(d.kind), d.name), true)).toList(), 0, 1, list.size(), shown));
    }

    private static String weekday(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.CHINA);
    }

    @Override
    Uni<CalendarDay> find(String key) {
        LocalDate day;
        try {
            day = LocalDate.parse(key);
        } catch (DateTimeParseException e) {
            throw ApiException.notFound("A calendar exception on " + key);
        }
        return CalendarDay.<CalendarDay>findById(day).onItem().ifNull().failWith(() -> ApiException.notFound("A calendar exception on " + key));
    }

    @Override
    FormState stored(CalendarDay day) {
        return FormState.empty().put("date", day.day).put("kind", day.kind).put("name", day.name);
    }

    @Override
    Uni<List<FormField>> fields(FormState state, boolean creating) {
        return Uni.createFrom().item(List.of(
                creating ? state.date("date", "日期") : state.fixed("date", "日期"),
                state.select("kind", "安排", true, KINDS).withHint("工作日只能设为放假，周六日只能设为调休上班"),
                state.text("name", "名称", true).withHint("如：国庆节、国庆调休")));
    }

    @Override
    Entry request(FormState state, boolean creating) {
        return new Entry(state.day("date"), new CalendarDayRequest(state.choice(DayKind.class, "kind"), state.text("name")));
    }

    @Override
    Uni<CalendarDay> create(Entry entry) {
        return days.put(entry.date(), entry.exception());
    }

    /** The date is the record's key: an edit changes what the day is, never which day. */
    @Override
    Uni<CalendarDay> update(String key, Entry entry) {
        return find(key).chain(existing -> days.put(existing.day, entry.exception()));
    }

    @Override
    <T> Uni<T> inTransaction(Supplier<Uni<T>> change) {
        return change.get();
    }

    @Override
    Removal removal() {
        return Removal.DELETE;
    }

    @Override
    Uni<Void> remove(String key) {
        return find(key).chain(existing -> days.delete(existing.day));
    }
}
