package cn.lianxin.cases.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** 督办 of a video call: the booked representative did not join the call of a booking; the group leader and the town office are told. */
public record VideoCallMissed(UUID caseId, String number, OffsetDateTime startsAt, Long workstationId, Long representativeId)
        implements CaseEvent {
    public String type() {
        return CaseEvents.VIDEO_CALL_MISSED;
    }
}
