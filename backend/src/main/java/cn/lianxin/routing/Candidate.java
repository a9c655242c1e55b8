package cn.lianxin.routing;

import cn.lianxin.masterdata.WorkField;
import java.util.List;
import java.util.Set;

/**
 * An active representative of a workstation covering the case's village, with what routing weighs. Group leaders
 * are scored like everyone else: they take cases too, and escalations reach them through the lifecycle.
 */
public record Candidate(long representativeId, String name, long workstationId, long constituencyId, Long residenceVillageId,
        Set<WorkField> workFields, List<String> specialties, Set<Long> contactVillageIds, int openCaseLoad, boolean groupLeader) {

    public Candidate {
        workFields = Set.copyOf(workFields);
        specialties = List.copyOf(specialties);
        contactVillageIds = Set.copyOf(contactVillageIds);
    }
}
