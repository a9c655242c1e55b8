package cn.lianxin.visits;

import cn.lianxin.staff.Caller;
import java.util.Map;

/**
 * What of visits and revisits a caller sees, as a condition of the query itself: the town office everything, a
 * liaison or group leader their workstation's, a representative their own. A condition names the row's workstation
 * and representative (SQL columns or HQL fields) and the parameters {@code :scopeWorkstation}/{@code :scopeRepresentative}.
 */
final class VisitScope {

    private VisitScope() {
    }

    static String condition(Caller caller, String workstation, String representative) {
        return switch (caller.role()) {
            case TOWN_OFFICE -> "1 = 1";
            case LIAISON, GROUP_LEADER -> workstation + " = :scopeWorkstation";
            case REPRESENTATIVE -> representative + " = :scopeRepresentative";
        };
    }

    /** The parameter {@link #condition} names, or none; -1 matches nothing for an account without one. */
    static Map<String, Object> parameters(Caller caller) {
        return switch (caller.role()) {
            case TOWN_OFFICE -> Map.of();
            case LIAISON, GROUP_LEADER -> Map.of("scopeWorkstation", caller.workstationId() == null ? -1L : caller.workstationId());
            case REPRESENTATIVE -> Map.of("scopeRepresentative", caller.representativeId() == null ? -1L : caller.representativeId());
        };
    }
}
