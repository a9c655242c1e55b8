package cn.lianxin.cases.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** 督办: a deadline passed; the group leader and the town office supervise the case from here. */
public record DeadlineMissed(UUID caseId, String number, DeadlineKind kind, OffsetDateTime dueAt, Long workstationId,
        Long representativeId) implements CaseEvent {
    public String type() {
        return CaseEvents.DEADLINE_MISSED;
    }
}
