package cn.lianxin.visits;

import cn.lianxin.calendar.WorkingDays;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The visits that are due: one per representative, contact village and period of the rhythm, due on the period's
 * first working day — a Monday, or the next working day when the Monday is a holiday; a period without a working
 * day (a week of 国庆) has no visits due. Plain Java over one snapshot of the calendar.
 */
public final class VisitPlans {

    /** {@code from}–{@code to}: the period, clipped to the range asked about. */
    public record Plan(long representativeId, long villageId, LocalDate from, LocalDate to, LocalDate dueOn) {
        boolean metBy(Coverage.VisitFact visit) {
            return visit.representativeId() == representativeId && visit.villageId() == villageId
                    && !visit.on().isBefore(from) && !visit.on().isAfter(to);
        }
    }

    private VisitPlans() {
    }

    /** @param contactVillages each active representative's contact villages */
    public static List<Plan> between(LocalDate from, LocalDate to, Rhythm rhythm, WorkingDays calendar,
            Map<Long, Set<Long>> contactVillages) {
        List<Plan> plans = new ArrayList<>();
        Map<Long, Set<Long>> ordered = new TreeMap<>(contactVillages);
        for (LocalDate start = rhythm.start(from); !start.isAfter(to); start = rhythm.end(start).plusDays(1)) {
            LocalDate periodFrom = start.isBefore(from) ? from : start;
            LocalDate end = rhythm.end(start);
            LocalDate periodTo = end.isAfter(to) ? to : end;
            Optional<LocalDate> due = firstWorkingDay(periodFrom, periodTo, calendar);
            if (due.isEmpty()) {
                continue;
            }
            ordered.forEach((representative, villages) -> villages.stream().sorted().forEach(village ->
                    plans.add(new Plan(representative, village, periodFrom, periodTo, due.get()))));
        }
        return plans;
    }

    private static Optional<LocalDate> firstWorkingDay(LocalDate from, LocalDate to, WorkingDays calendar) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (calendar.isWorkingDay(day)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }
}
