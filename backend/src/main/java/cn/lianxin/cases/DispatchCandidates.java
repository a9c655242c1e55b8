package cn.lianxin.cases;

import cn.lianxin.cases.domain.CaseRejected;
import cn.lianxin.cases.domain.Rejection;
import cn.lianxin.routing.Router;
import cn.lianxin.routing.RoutingPolicy;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Whom a case could be assigned to (分派), best first, scored by the routing policy with its reason lines: the
 * API's {@code GET /api/cases/{id}/candidates} and the console's dispatch queue both ask here. The people offered are
 * those the caller may assign to — the lifecycle refuses a liaison's or group leader's choice from another
 * workstation — so a liaison is shown their own workstation's representatives, the town office the whole town's.
 */
@ApplicationScoped
public class DispatchCandidates {

    /** How many the liaison is shown: enough to choose from, few enough to read every reason line. */
    public static final int TOP = 5;

    private final CaseLifecycle lifecycle;
    private final Router router;

    public DispatchCandidates(CaseLifecycle lifecycle, Router router) {
        this.lifecycle = lifecycle;
        this.router = router;
    }

    /** The best {@link #TOP}; 404 for a case the caller cannot see, 422 naming villageId for a case without a village. */
    public Uni<List<RoutingPolicy.Scored>> top(UUID caseId, Caller caller) {
        return lifecycle.visible(caseId, caller).chain(c -> {
            if (c.villageId == null) {
                // The policy weighs the village (contact village, residence, constituency): it needs one first.
                throw new CaseRejected(new Rejection.Invalid("villageId", "请先补登村庄，再按村推荐党代表"));
            }
            Long workstation = caller.is(StaffRole.TOWN_OFFICE) ? null : caller.workstationId();
            return router.propose(c.villageId, c.categoryId, workstation, c.townId)
                    .map(ranked -> ranked.subList(0, Math.min(TOP, ranked.size())));
        });
    }
}
