package cn.lianxin.cases;

import java.time.OffsetDateTime;
import java.util.UUID;

/** 登记: a case exists and has its number; the resident is to be told it on the same channel. */
public record CaseRegistered(UUID caseId, String number, UUID residentId, long villageId, long categoryId, Channel channel,
        OffsetDateTime registeredAt) implements CaseEvent {
}
