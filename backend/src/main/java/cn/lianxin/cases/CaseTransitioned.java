package cn.lianxin.cases;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A command was carried out on a case: what, by whom, from which step to which, and for whom it matters. */
public record CaseTransitioned(UUID caseId, String number, CaseCommand command, CaseState fromState, CaseState toState,
        String actor, UUID residentId, Channel channel, Long representativeId, String detail, OffsetDateTime at)
        implements CaseEvent {
}
