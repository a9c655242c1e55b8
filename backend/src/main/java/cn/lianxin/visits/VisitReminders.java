package cn.lianxin.visits;

import cn.lianxin.notifications.RepresentativeWeCom;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * 本周走访 on WeCom: on the day a period's visits fall due (Monday, or the next working day after a holiday Monday),
 * each representative with visits due gets one message listing their villages. Keyed by representative and period,
 * so a second round, or a second instance, sends nothing twice.
 */
@ApplicationScoped
public class VisitReminders {

    static final String PURPOSE = "VISIT_PLAN";
    /** Reads every representative's plans: the reminders are the town's, not one caller's. */
    private static final Caller TOWN = new Caller("visit-reminders", StaffRole.TOWN_OFFICE, null, null, null, null);

    private final VisitCoverage coverage;
    private final VisitRecords records;
    private final RepresentativeWeCom wecom;

    VisitReminders(VisitCoverage coverage, VisitRecords records, RepresentativeWeCom wecom) {
        this.coverage = coverage;
        this.records = records;
        this.wecom = wecom;
    }

    @Scheduled(cron = "${lianxin.visits.reminder-cron}", timeZone = "${lianxin.cases.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> remindOnSchedule() {
        return runOnce().replaceWithVoid();
    }

    /** @return how many representatives were reminded in this round */
    @WithTransaction
    public Uni<Integer> runOnce() {
        LocalDate today = records.today();
        VisitCoverage.Period period = coverage.periodOf(today);
        return coverage.plans(TOWN, period.from(), period.to()).chain(plans -> {
            Map<Long, List<VisitCoverage.PlannedVisit>> due = new TreeMap<>(plans.stream()
                    .filter(p -> p.dueOn().equals(today) && !p.made())
                    .collect(Collectors.groupingBy(VisitCoverage.PlannedVisit::representativeId)));
            return Multi.createFrom().iterable(due.entrySet()).onItem().transformToUniAndConcatenate(e -> wecom.notice(
                            key(e.getKey(), period), PURPOSE, e.getKey(), VisitTexts.plan(period, e.getValue())))
                    .collect().asList().map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count());
        });
    }

    private static UUID key(long representativeId, VisitCoverage.Period period) {
        return UUID.nameUUIDFromBytes(("visit-plan:" + representativeId + ":" + period.from()).getBytes(StandardCharsets.UTF_8));
    }
}
