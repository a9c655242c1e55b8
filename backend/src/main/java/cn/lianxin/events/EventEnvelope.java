package cn.lianxin.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What travels on Kafka: the event's id (consumers dedupe on it), its type, its aggregate, and the payload the
 * producer wrote.
 */
public record EventEnvelope(UUID id, String type, String aggregateType, String aggregateId, OffsetDateTime occurredAt,
        JsonNode payload) {
}
