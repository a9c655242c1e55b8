package cn.lianxin.events;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;

/** An event waiting in the database for the relay; written in the same transaction as the change it announces. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    @Generated
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "aggregate_type")
    public String aggregateType;
    @Column(name = "aggregate_id")
    public String aggregateId;
    @Column(name = "event_type")
    public String eventType;
    public String topic;
    // Bound as text and parsed by PostgreSQL: a String bound straight to jsonb would be stored as a JSON string.
    @ColumnTransformer(write = "CAST(CAST(? AS text) AS jsonb)")
    public String payload;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
