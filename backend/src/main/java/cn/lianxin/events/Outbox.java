package cn.lianxin.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where state changes announce themselves. Call it inside the transaction of the change: the event is then
 * committed exactly when the change is, and the relay takes it to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

    public static final String CASE_EVENTS = "lianxin.case-events";
    public static final String BROADCAST_EVENTS = "lianxin.broadcast-events";

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    public Uni<OutboxEvent> append(DomainEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.aggregateType = event.aggregateType();
        row.aggregateId = event.aggregateId();
        row.eventType = event.type();
        row.topic = event.topic();
        row.createdAt = OffsetDateTime.now();
        try {
            row.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event " + row.eventType + " cannot be serialised", e));
        }
        return row.persist();
    }
}
