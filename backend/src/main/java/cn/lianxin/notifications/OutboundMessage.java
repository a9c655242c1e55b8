package cn.lianxin.notifications;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A message to send to a resident or representative, from the event that called for it to its delivery. */
@Entity
@Table(name = "outbound_message")
public class OutboundMessage extends PanacheEntityBase {

    public enum Status { PENDING, SENT, DELIVERED, FAILED }

    @Id
    public UUID id;
    @Column(name = "source_event_id")
    public UUID sourceEventId;
    public String purpose;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "resident_id")
    public UUID residentId;
    @Enumerated(EnumType.STRING)
    public MessageChannel channel;
    public String template;
    public String body;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "provider_message_id")
    public String providerMessageId;
    public boolean sandbox;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "sent_at")
    public OffsetDateTime sentAt;
}
