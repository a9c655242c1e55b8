package cn.lianxin.routing;

import java.math.BigDecimal;
import java.util.List;

/** Where a new case goes, and why: a representative at a workstation, or the liaison's dispatch queue. */
public sealed interface RoutingDecision {

    /** The reasons are the lines of the score, in Chinese, as the town office reads them on the case. */
    record Placed(long workstationId, long representativeId, BigDecimal score, List<String> reasons) implements RoutingDecision {
        public Placed {
            reasons = List.copyOf(reasons);
        }
    }

    /** Nobody could be chosen; the case waits for the liaison (联络员) to dispatch it by hand. */
    record Unplaced(String reason) implements RoutingDecision {
    }
}
