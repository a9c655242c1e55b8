package cn.lianxin.visits;

import cn.lianxin.api.ApiException;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.staff.Caller;
import cn.lianxin.stats.Dimension;
import cn.lianxin.stats.Figures;
import cn.lianxin.stats.RateRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 履职台账: what one representative did in a month or a year — the cases they handle with the four rates and the
 * revisits' two, their visits, their revisit tasks, the activities they attended — read for a caller who may see the
 * representative (the office anyone; a liaison or group leader their workstation's; a representative themselves).
 */
@ApplicationScoped
public class Ledgers {

    public record VisitLine(LocalDate on, String village, String metWith, String summary, int cases) {
    }

    public record ActivityLine(LocalDate on, String kind, String title, String place) {
    }

    public record Ledger(long representativeId, String representative, String workstation, String period, LocalDate from, LocalDate to,
            RateRow figures, List<VisitLine> visits, long revisitTasks, long revisitsDone, long revisitsCarriedOut,
            List<ActivityLine> activities, OffsetDateTime madeAt) {
    }

    private static final String REVISITS = """
            SELECT count(*), count(*) FILTER (WHERE c.revisit_outcome IN ('CARRIED_OUT', 'NOT_CARRIED_OUT')),
                   count(*) FILTER (WHERE c.revisit_outcome = 'CARRIED_OUT')
            FROM revisit_task t JOIN cases c ON c.id = t.case_id
            WHERE t.representative_id = :representative AND t.due_on BETWEEN :from AND :to""";

    private final Figures figures;
    private final Clock clock;
    private final ZoneId townZone;

    Ledgers(Figures figures, Clock clock, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.figures = figures;
        this.clock = clock;
        this.townZone = townZone;
    }

    /** @param period {@code 2026-11} (a month) or {@code 2026} (a year) */
    public Uni<Ledger> of(Caller caller, long representativeId, String period) {
        LocalDate[] range = range(period);
        LocalDate from = range[0];
        LocalDate to = range[1];
        return Representative.<Representative>findById(representativeId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("representative " + representativeId))
                .invoke(r -> {
                    if (!visibleTo(caller, r)) {
                        throw ApiException.notFound("representative " + representativeId);
                    }
                })
                .chain(r -> Workstation.<Workstation>findById(r.workstationId).chain(w -> rates(r, from, to)
                        .chain(rates -> visits(r, from, to).chain(visits -> revisits(r, from, to).chain(revisits -> activities(r, from, to)
                                .map(activities -> new Ledger(r.id, r.name, w == null ? "" : w.name, period, from, to, rates, visits,
                                        revisits[0], revisits[1], revisits[2], activities, OffsetDateTime.now(clock))))))));
    }

    private static boolean visibleTo(Caller caller, Representative r) {
        return switch (caller.role()) {
            case TOWN_OFFICE -> true;
            case LIAISON, GROUP_LEADER -> r.workstationId.equals(caller.workstationId());
            case REPRESENTATIVE -> r.id.equals(caller.representativeId());
        };
    }

    private static LocalDate[] range(String period) {
        try {
            if (period.matches("\\d{4}-\\d{2}")) {
                YearMonth month = YearMonth.parse(period);
                return new LocalDate[] {month.atDay(1), month.atEndOfMonth()};
            }
            if (period.matches("\\d{4}")) {
                Year year = Year.parse(period);
                return new LocalDate[] {year.atDay(1), year.atMonth(12).atEndOfMonth()};
            }
        } catch (java.time.DateTimeException e) {
            // falls through to the refusal
        }
        throw ApiException.invalidField("period", "must be a month (2026-11) or a year (2026)");
    }

    /** The four rates and the revisits' two of the cases registered in the period that are now theirs. */
    private Uni<RateRow> rates(Representative r, LocalDate from, LocalDate to) {
        return figures.rates(Dimension.REPRESENTATIVE, from.atStartOfDay(townZone).toOffsetDateTime(),
                        to.plusDays(1).atStartOfDay(townZone).toOffsetDateTime(), OffsetDateTime.now(clock), r.workstationId)
                .map(rates -> rates.rows().stream().filter(row -> r.id.equals(row.id())).findFirst().orElse(null));
    }

    private static Uni<List<VisitLine>> visits(Representative r, LocalDate from, LocalDate to) {
        return Visit.<Visit>list("representativeId = ?1 and visitedOn between ?2 and ?3 order by visitedOn", r.id, from, to)
                .chain(visits -> {
                    List<Long> villageIds = visits.stream().map(v -> v.villageId).distinct().toList();
                    Uni<List<Village>> villages = villageIds.isEmpty() ? Uni.createFrom().item(List.of()) : Village.list("id in ?1", villageIds);
                    return villages.chain(vs -> VisitRecords.casesOf(visits.stream().map(v -> v.id).toList()).map(cases -> {
                        Map<Long, String> names = vs.stream().collect(Collectors.toMap(v -> v.id, v -> v.name));
                        return visits.stream().map(v -> new VisitLine(v.visitedOn, names.get(v.villageId), v.metWith, v.summary,
                                cases.getOrDefault(v.id, List.of()).size())).toList();
                    }));
                });
    }

    private static Uni<long[]> revisits(Representative r, LocalDate from, LocalDate to) {
        return Panache.getSession().chain(s -> s.createNativeQuery(REVISITS, Object[].class).setParameter("representative", r.id)
                .setParameter("from", from).setParameter("to", to).getSingleResult())
                .map(row -> new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
    }

    private static Uni<List<ActivityLine>> activities(Representative r, LocalDate from, LocalDate to) {
        return Activity.<Activity>list("?1 member of representativeIds and heldOn between ?2 and ?3 order by heldOn", r.id, from, to)
                .map(list -> list.stream().map(a -> new ActivityLine(a.heldOn, a.kind.label(), a.title, a.place)).toList());
    }
}
