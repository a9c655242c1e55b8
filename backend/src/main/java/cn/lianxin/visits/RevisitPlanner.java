package cn.lianxin.visits;

import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.calendar.WorkingDays;
import cn.lianxin.notifications.RepresentativeWeCom;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives every archived case, and every reply the resident left unrated ({@code silence-working-days}), its one
 * revisit task (回访): for the representative who handled it (谁走访谁负责), due within its category's working days —
 * 不满意 sooner. One task per case ever, guarded by the table's key, so overlapping rounds or instances add nothing twice.
 */
@ApplicationScoped
public class RevisitPlanner {

    // Archived or silent, recent enough, and without a task: both shapes have a partial index (V50).
    private static final String CANDIDATES = """
            SELECT c.id, c.representative_id, c.workstation_id, k.code, c.feedback = 'UNSATISFIED', c.state = 'ARCHIVED',
                   coalesce(c.archived_at, c.updated_at), c.number, c.text
            FROM cases c JOIN category k ON k.id = c.category_id
            WHERE ((c.state = 'ARCHIVED' AND c.archived_at >= :since)
                OR (c.state = 'REPLIED' AND c.feedback IS NULL AND c.replied_at >= :since AND c.replied_at < :silentBefore))
              AND NOT EXISTS (SELECT 1 FROM revisit_task t WHERE t.case_id = c.id)
            ORDER BY c.feedback = 'UNSATISFIED' DESC, c.updated_at
            LIMIT :batch""";
    private static final String INSERT = """
            INSERT INTO revisit_task (case_id, representative_id, workstation_id, reason, unsatisfied, due_on, created_at)
            VALUES (:case, :representative, :workstation, :reason, :unsatisfied, :due, :now) ON CONFLICT (case_id) DO NOTHING""";

    static final String NOTICE = "REVISIT_DUE";

    private final WorkingCalendar calendar;
    private final RepresentativeWeCom wecom;
    private final VisitSettings settings;
    private final Clock clock;
    private final ZoneId townZone;

    RevisitPlanner(WorkingCalendar calendar, RepresentativeWeCom wecom, VisitSettings settings, Clock clock,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.calendar = calendar;
        this.wecom = wecom;
        this.settings = settings;
        this.clock = clock;
        this.townZone = townZone;
    }

    @Scheduled(every = "${lianxin.visits.revisit.interval}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> planOnSchedule() {
        return runOnce().replaceWithVoid();
    }

    /** @return how many tasks this round made */
    @WithTransaction
    public Uni<Integer> runOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        WorkingDays days = calendar.current();
        LocalDate today = now.atZoneSameInstant(townZone).toLocalDate();
        OffsetDateTime silentBefore = silenceStarts(days, today).atStartOfDay(townZone).toOffsetDateTime();
        OffsetDateTime since = now.minus(settings.revisit().lookback());
        return Panache.getSession().chain(s -> s.createNativeQuery(CANDIDATES, Object[].class).setParameter("since", since)
                .setParameter("silentBefore", silentBefore).setParameter("batch", settings.revisit().batchSize()).getResultList())
                .chain(rows -> insertAll(rows, days, today, now));
    }

    /** Replies made before this day have gone unrated for the silence's working days by today. */
    private LocalDate silenceStarts(WorkingDays days, LocalDate today) {
        LocalDate day = today;
        while (days.workingDaysBetween(day, today) < settings.revisit().silenceWorkingDays()) {
            day = day.minusDays(1);
        }
        return day.plusDays(1);
    }

    private Uni<Integer> insertAll(List<Object[]> rows, WorkingDays days, LocalDate today, OffsetDateTime now) {
        Uni<Integer> made = Uni.createFrom().item(0);
        for (Object[] row : rows) {
            boolean unsatisfied = Boolean.TRUE.equals(row[4]);
            boolean archived = Boolean.TRUE.equals(row[5]);
            LocalDate from = archived ? ((OffsetDateTime) row[6]).atZoneSameInstant(townZone).toLocalDate() : today;
            LocalDate due = days.addWorkingDays(from, workingDays((String) row[3], unsatisfied));
            made = made.chain(sum -> Panache.getSession().chain(s -> s.createNativeQuery(INSERT).setParameter("case", (UUID) row[0])
                    .setParameter("representative", row[1]).setParameter("workstation", row[2])
                    .setParameter("reason", archived ? "ARCHIVED" : "SILENT").setParameter("unsatisfied", unsatisfied)
                    .setParameter("due", due).setParameter("now", now.withOffsetSameInstant(ZoneOffset.UTC)).executeUpdate())
                    .call(inserted -> inserted == 1 ? tell(row, due, unsatisfied) : Uni.createFrom().voidItem())
                    .map(inserted -> sum + inserted));
        }
        return made;
    }

    /** The task on the representative's WeCom, written with it: it goes once, keyed by the case. */
    private Uni<Void> tell(Object[] row, LocalDate due, boolean unsatisfied) {
        if (row[1] == null) {
            return Uni.createFrom().voidItem();
        }
        UUID caseId = (UUID) row[0];
        UUID key = UUID.nameUUIDFromBytes(("revisit:" + caseId).getBytes(StandardCharsets.UTF_8));
        return wecom.notice(key, NOTICE, ((Number) row[1]).longValue(), VisitTexts.revisitDue((String) row[7], (String) row[8], due, unsatisfied))
                .replaceWithVoid();
    }

    /** The category's days (or the default); 不满意: the sooner of those and the unsatisfied days. */
    int workingDays(String categoryCode, boolean unsatisfied) {
        int days = settings.revisit().byCategory().getOrDefault(categoryCode, settings.revisit().workingDays());
        return unsatisfied ? Math.min(days, settings.revisit().unsatisfiedWorkingDays()) : days;
    }
}
