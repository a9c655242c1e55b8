package cn.lianxin.cases;

import cn.lianxin.api.Filters;
import cn.lianxin.staff.Caller;
import java.util.Map;

/**
 * What a caller may see, as a condition of the database query itself — never a filter applied afterwards.
 * Town office: every case. Liaison: their workstation's cases and the town's unplaced ones (the dispatch
 * queue). Group leader and representative: their workstation's cases. A resident: their own cases.
 */
public final class CaseScope {

    private CaseScope() {
    }

    private static Map<String, Object> parameters(Long workstationId, Long townId) {
        // -1 matches no row: a token without a town sees no unplaced case rather than failing the query.
        return Map.of("scopeWorkstation", workstationId, "scopeTown", townId == null ? -1L : townId);
    }

    public static Filters visibleTo(Caller caller) {
        Filters filters = new Filters();
        if (caller.isResident()) {
            return filters.always("residentId = :scopeResident", Map.of("scopeResident", caller.residentId()));
        }
        return switch (caller.role()) {
            case TOWN_OFFICE -> filters;
            case LIAISON -> filters.always("(workstationId = :scopeWorkstation or (workstationId is null and townId = :scopeTown))",
                    parameters(caller.workstationId(), caller.townId()));
            case GROUP_LEADER, REPRESENTATIVE -> filters.always("workstationId = :scopeWorkstation",
                    Map.of("scopeWorkstation", caller.workstationId()));
        };
    }
}
