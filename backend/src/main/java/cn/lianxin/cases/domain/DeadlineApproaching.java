package cn.lianxin.cases.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A deadline of a case falls due soon: its representative is reminded. */
public record DeadlineApproaching(UUID caseId, String number, DeadlineKind kind, OffsetDateTime dueAt, Long workstationId,
        Long representativeId) implements CaseEvent {
    public String type() {
        return CaseEvents.DEADLINE_APPROACHING;
    }
}
