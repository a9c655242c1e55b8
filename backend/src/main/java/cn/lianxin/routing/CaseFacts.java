package cn.lianxin.routing;

import cn.lianxin.masterdata.WorkField;
import java.util.Set;

/**
 * What routing knows about a new case: where it comes from and what it is about. The covering workstations are
 * a fact about the village (工作室覆盖的村), so the policy can tell "nobody covers this village" from "nobody is
 * on duty there".
 */
public record CaseFacts(long villageId, String villageName, long constituencyId, Set<Long> coveringWorkstationIds,
        WorkField workField, String categoryName) {

    public CaseFacts {
        coveringWorkstationIds = Set.copyOf(coveringWorkstationIds);
    }
}
