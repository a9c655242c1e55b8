package cn.lianxin.cases.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** 登记: a case exists, has its number and (when routing could place it) its representative. */
public record CaseRegistered(UUID caseId, String number, UUID residentId, Long villageId, long categoryId, Channel channel,
        Long workstationId, Long representativeId, OffsetDateTime registeredAt) implements CaseEvent {
    public String type() {
        return CaseEvents.REGISTERED;
    }
}
