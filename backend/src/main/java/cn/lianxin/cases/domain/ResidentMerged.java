package cn.lianxin.cases.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The case's resident turned out to be the same person as another: the case now belongs to {@code intoResidentId}. */
public record ResidentMerged(UUID caseId, String number, UUID fromResidentId, UUID intoResidentId, OffsetDateTime at)
        implements CaseEvent {
    public String type() {
        return CaseEvents.RESIDENT_MERGED;
    }
}
