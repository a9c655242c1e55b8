package cn.lianxin.visits;

import cn.lianxin.api.ApiException;
import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The due visits (plans) and the coverage of the villages a caller answers for, computed from the contact villages,
 * the rhythm, the working calendar and the visit records of the range — never kept by hand. The town office sees the
 * town's villages, a liaison or group leader their workstation's, a representative their own contact villages.
 */
@ApplicationScoped
public class VisitCoverage {

    /** A due visit, with the names people read and whether it was made. */
    public record PlannedVisit(long representativeId, String representative, long villageId, String village, LocalDate from,
            LocalDate to, LocalDate dueOn, boolean made) {
    }

    public record VillageRow(long villageId, String village, Coverage.Status status, int due, int made, int late, LocalDate lastVisitOn) {
    }

    /** The villages in scope, their contact representatives and their visits of the range. */
    private record Facts(Map<Long, String> villages, Map<Long, String> representatives, Map<Long, Set<Long>> contactVillages,
            List<Coverage.VisitFact> visits) {
    }

    private static final long LONGEST_RANGE_DAYS = 366;

    private final WorkingCalendar calendar;
    private final VisitSettings settings;
    private final VisitRecords records;

    VisitCoverage(WorkingCalendar calendar, VisitSettings settings, VisitRecords records) {
        this.calendar = calendar;
        this.settings = settings;
        this.records = records;
    }

    public record Period(LocalDate from, LocalDate to) {
    }

    /** The period of the rhythm that {@code day} falls in (this week, by default). */
    public Period periodOf(LocalDate day) {
        LocalDate start = settings.rhythm().start(day);
        return new Period(start, settings.rhythm().end(start));
    }

    public Uni<List<PlannedVisit>> plans(Caller caller, LocalDate from, LocalDate to) {
        return facts(caller, from, to).map(f -> VisitPlans.between(from, to, settings.rhythm(), calendar.current(), f.contactVillages())
                .stream().map(p -> new PlannedVisit(p.representativeId(), f.representatives().get(p.representativeId()), p.villageId(),
                        f.villages().get(p.villageId()), p.from(), p.to(), p.dueOn(), f.visits().stream().anyMatch(p::metBy)))
                .toList());
    }

    public Uni<List<VillageRow>> coverage(Caller caller, LocalDate from, LocalDate to) {
        LocalDate today = records.today();
        return facts(caller, from, to).map(f -> {
            List<VisitPlans.Plan> plans = VisitPlans.between(from, to, settings.rhythm(), calendar.current(), f.contactVillages());
            return f.villages().entrySet().stream().map(v -> {
                Coverage.VillageCoverage c = Coverage.of(v.getKey(), plans.stream().filter(p -> p.villageId() == v.getKey()).toList(),
                        f.visits().stream().filter(visit -> visit.villageId() == v.getKey()).toList(), today);
                return new VillageRow(v.getKey(), v.getValue(), c.status(), c.due(), c.made(), c.late(), c.lastVisitOn());
            }).toList();
        });
    }

    private Uni<Facts> facts(Caller caller, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return Uni.createFrom().failure(ApiException.invalidField("to", "must not be before from"));
        }
        if (ChronoUnit.DAYS.between(from, to) >= LONGEST_RANGE_DAYS) {
            return Uni.createFrom().failure(ApiException.invalidField("to", "the range is at most a year"));
        }
        return villages(caller).chain(villages -> villages.isEmpty()
                ? Uni.createFrom().item(new Facts(villages, Map.of(), Map.of(), List.of()))
                : contacts(caller, villages.keySet()).chain(contacts -> visits(caller, villages.keySet(), from, to)
                        .map(visits -> new Facts(villages, contacts.names, contacts.villages, visits))));
    }

    private static Uni<Map<Long, String>> villages(Caller caller) {
        String sql = switch (caller.role()) {
            case TOWN_OFFICE -> "SELECT v.id, v.name FROM village v WHERE v.active AND (CAST(:scope AS bigint) = -1 OR v.town_id = :scope)";
            case LIAISON, GROUP_LEADER -> "SELECT v.id, v.name FROM village v JOIN workstation_village w ON w.village_id = v.id"
                    + " WHERE v.active AND w.workstation_id = :scope";
            case REPRESENTATIVE -> "SELECT v.id, v.name FROM village v JOIN representative_contact_village c ON c.village_id = v.id"
                    + " WHERE v.active AND c.representative_id = :scope";
        };
        Long scope = switch (caller.role()) {
            case TOWN_OFFICE -> caller.townId();
            case LIAISON, GROUP_LEADER -> caller.workstationId();
            case REPRESENTATIVE -> caller.representativeId();
        };
        return rows(sql + " ORDER BY v.name, v.id", Map.of("scope", scope == null ? -1L : scope)).map(rows -> {
            Map<Long, String> villages = new LinkedHashMap<>();
            rows.forEach(row -> villages.put(((Number) row[0]).longValue(), (String) row[1]));
            return villages;
        });
    }

    private record Contacts(Map<Long, String> names, Map<Long, Set<Long>> villages) {
    }

    /** The active representatives answerable for these villages (a representative: only themselves). */
    private static Uni<Contacts> contacts(Caller caller, Set<Long> villages) {
        boolean own = caller.role() == StaffRole.REPRESENTATIVE;
        Map<String, Object> parameters = new HashMap<>(Map.of("villages", villages));
        if (own) {
            parameters.put("rep", caller.representativeId());
        }
        return rows("SELECT r.id, r.name, c.village_id FROM representative r JOIN representative_contact_village c ON c.representative_id = r.id"
                + " WHERE r.active AND c.village_id IN (:villages)" + (own ? " AND r.id = :rep" : ""), parameters).map(rows -> {
                    Map<Long, String> names = new HashMap<>();
                    Map<Long, Set<Long>> contact = new HashMap<>();
                    rows.forEach(row -> {
                        long id = ((Number) row[0]).longValue();
                        names.put(id, (String) row[1]);
                        contact.computeIfAbsent(id, k -> new HashSet<>()).add(((Number) row[2]).longValue());
                    });
                    return new Contacts(names, contact);
                });
    }

    private static Uni<List<Coverage.VisitFact>> visits(Caller caller, Set<Long> villages, LocalDate from, LocalDate to) {
        Map<String, Object> parameters = new HashMap<>(VisitScope.parameters(caller));
        parameters.putAll(Map.of("villages", villages, "from", from, "to", to));
        return rows("SELECT x.representative_id, x.village_id, x.visited_on FROM visit x WHERE x.village_id IN (:villages)"
                + " AND x.visited_on BETWEEN :from AND :to AND " + VisitScope.condition(caller, "x.workstation_id", "x.representative_id"), parameters)
                .map(rows -> rows.stream().map(row -> new Coverage.VisitFact(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                        (LocalDate) row[2])).toList());
    }

    private static Uni<List<Object[]>> rows(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }
}
