package cn.lianxin.routing;

import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.WorkField;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads what {@link RoutingPolicy} weighs and asks it. Runs inside the caller's Hibernate Reactive session
 * ({@code @WithSession}/{@code @WithTransaction}): a registration sees its own transaction's data, and the
 * village and category it has just validated come from the session rather than the database.
 *
 * <p>At most three queries besides those two, whatever the number of candidates: the covering workstations, their
 * active representatives with contact villages (one fetch join), and the open cases of all of them (one grouped
 * count). Indexes: workstation_village_village_idx, representative_workstation_idx (partial on active), the
 * contact-village primary key, case_representative_idx (representative_id, state).
 */
@ApplicationScoped
public class Router {

    private static final String COVERING_WORKSTATIONS =
            "select w.id from Workstation w join w.villageIds v where v = :village and w.active";
    private static final String TOWN_WORKSTATIONS = "select w.id from Workstation w where w.townId = :town and w.active";
    private static final String ACTIVE_REPRESENTATIVES =
            "select r from Representative r left join fetch r.contactVillageIds where r.workstationId in :workstations and r.active";
    private static final String OPEN_CASES =
            "select c.representativeId, count(*) from CaseFile c where c.representativeId in :representatives and c.state <> :archived"
                    + " group by c.representativeId";

    private final Lookups lookups;
    private final RoutingPolicy policy;

    public Router(Lookups lookups, RoutingWeights weights) {
        this.lookups = lookups;
        this.policy = new RoutingPolicy(weights.values());
    }

    public Uni<RoutingDecision> route(long villageId, long categoryId) {
        return route(villageId, categoryId, null);
    }

    /** Routes among the representatives of {@code confinedTo} alone when it is given (a workstation's own registration). */
    public Uni<RoutingDecision> route(long villageId, long categoryId, Long confinedTo) {
        return facts(villageId, categoryId, confinedTo).chain(facts -> candidates(List.copyOf(facts.coveringWorkstationIds()))
                .map(candidates -> policy.decide(facts, candidates)));
    }

    /**
     * The active representatives a case could be assigned to by hand, weighed as routing weighs them, best first:
     * those of {@code workstationId}, or of every active workstation of the town when it is null (the town office
     * may assign anyone). One more query than {@link #route}: the town's workstations.
     */
    public Uni<List<RoutingPolicy.Scored>> propose(long villageId, long categoryId, Long workstationId, long townId) {
        Uni<List<Long>> pool = workstationId != null ? Uni.createFrom().item(List.of(workstationId))
                : Panache.getSession().chain(s -> s.createSelectionQuery(TOWN_WORKSTATIONS, Long.class)
                        .setParameter("town", townId).getResultList());
        return facts(villageId, categoryId, null).chain(facts -> pool.chain(Router::candidates)
                .map(candidates -> policy.rank(facts, candidates)));
    }

    private Uni<CaseFacts> facts(long villageId, long categoryId, Long confinedTo) {
        return lookups.existing(Village.class, villageId).chain(village -> lookups.existing(Category.class, categoryId)
                .chain(category -> coveringWorkstations(villageId)
                        .map(covering -> confinedTo == null ? covering : covering.stream().filter(confinedTo::equals).toList())
                        .map(workstations -> new CaseFacts(village.id, village.name, village.constituencyId, new HashSet<>(workstations),
                                category.workField, category.name))));
    }

    private static Uni<List<Long>> coveringWorkstations(long villageId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(COVERING_WORKSTATIONS, Long.class)
                .setParameter("village", villageId).getResultList());
    }

    private static Uni<List<Candidate>> candidates(List<Long> workstations) {
        if (workstations.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(s -> s.createSelectionQuery(ACTIVE_REPRESENTATIVES, Representative.class)
                        .setParameter("workstations", workstations).getResultList())
                .chain(representatives -> openCases(representatives)
                        .map(load -> representatives.stream().map(r -> candidate(r, load.getOrDefault(r.id, 0L))).toList()));
    }

    private static Uni<Map<Long, Long>> openCases(List<Representative> representatives) {
        if (representatives.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Long> ids = representatives.stream().map(r -> r.id).toList();
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery(OPEN_CASES, Object[].class).setParameter("representatives", ids)
                        .setParameter("archived", CaseState.ARCHIVED).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (Long) row[0], row -> (Long) row[1])));
    }

    private static Candidate candidate(Representative r, long openCases) {
        return new Candidate(r.id, r.name, r.workstationId, r.constituencyId, r.residenceVillageId,
                Arrays.stream(r.workFields).map(WorkField::valueOf).collect(Collectors.toSet()), List.of(r.specialties),
                r.contactVillageIds, Math.toIntExact(openCases), r.groupLeader);
    }
}
