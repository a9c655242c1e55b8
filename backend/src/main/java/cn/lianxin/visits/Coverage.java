package cn.lianxin.visits;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * How far a village's due visits have been made, from the visit records alone. DONE: every visit due in the range
 * was made; LATE: a period ended without its visit; STARTED: some made (or the village visited), none late yet;
 * NOT_STARTED: none yet, none late yet. A village nobody is answerable for is DONE once visited.
 */
public final class Coverage {

    public enum Status { NOT_STARTED, STARTED, DONE, LATE }

    /** A recorded visit, as coverage reads it. */
    public record VisitFact(long representativeId, long villageId, LocalDate on) {
    }

    public record VillageCoverage(long villageId, Status status, int due, int made, int late, LocalDate lastVisitOn) {
    }

    private Coverage() {
    }

    /** @param plans the village's plans in the range; @param visits its visits in the range */
    public static VillageCoverage of(long villageId, List<VisitPlans.Plan> plans, List<VisitFact> visits, LocalDate today) {
        int made = (int) plans.stream().filter(p -> visits.stream().anyMatch(p::metBy)).count();
        int late = (int) plans.stream().filter(p -> p.to().isBefore(today) && visits.stream().noneMatch(p::metBy)).count();
        LocalDate last = visits.stream().map(VisitFact::on).max(Comparator.naturalOrder()).orElse(null);
        Status status;
        if (plans.isEmpty()) {
            status = visits.isEmpty() ? Status.NOT_STARTED : Status.DONE;
        } else if (made == plans.size()) {
            status = Status.DONE;
        } else if (late > 0) {
            status = Status.LATE;
        } else {
            status = made > 0 || !visits.isEmpty() ? Status.STARTED : Status.NOT_STARTED;
        }
        return new VillageCoverage(villageId, status, plans.size(), made, late, last);
    }
}
