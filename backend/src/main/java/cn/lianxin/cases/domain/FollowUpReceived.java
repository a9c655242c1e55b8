package cn.lianxin.cases.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The resident added to an open case (an SMS within the follow-up window): its representative is to hear of it. */
public record FollowUpReceived(UUID caseId, String number, Long representativeId, Channel on, String text, OffsetDateTime at)
        implements CaseEvent {
    public String type() {
        return CaseEvents.FOLLOW_UP_RECEIVED;
    }
}
