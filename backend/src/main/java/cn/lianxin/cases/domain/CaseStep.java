package cn.lianxin.cases.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What every step event says about the case: which one, from which step to which, who acted on which channel,
 * and whom it concerns (the resident and the channel they came on, the workstation and representative it is with
 * after the step).
 */
public record CaseStep(UUID caseId, String number, CaseState from, CaseState to, String actor, Channel on, UUID residentId,
        Channel channel, Long workstationId, Long representativeId, OffsetDateTime at) {
}
