package cn.lianxin.notifications;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A message to send to a resident or representative, from the event that called for it to its delivery. */
@Entity
@Table(name = "outbound_message")
public class OutboundMessage extends PanacheEntityBase {

    /**
     * DEFERRED: held by a limit of ours (a resident's SMS per hour, a member's WeCom messages per minute), not
     * attempted; due again at {@code nextAttemptAt}, and a held WeCom message may go out earlier in a digest.
     * UNKNOWN: the provider may or may not have sent it (its answer never came). Such a message is never sent
     * again blindly; its channel reconciles it (a receipt, a status query) into SENT, DELIVERED or FAILED, or
     * back to PENDING once, when the provider provably has no record of it.
     */
    public enum Status { PENDING, DEFERRED, SENT, DELIVERED, FAILED, UNKNOWN }

    /** The purposes a channel may word in its own way (a WeChat subscribe message has a template per purpose). */
    public static final String CASE_REPLY = Templates.CASE_REPLY;
    public static final String FEEDBACK_PROMPT = Templates.FEEDBACK_PROMPT;
    /** A booked video call's reminder, cancellation or move to its resident (one subscribe template, or SMS). */
    public static final String BOOKING_NOTICE = Templates.BOOKING_NOTICE;
    /** The param of a representative's booking card naming the meeting's join link. */
    public static final String JOIN_URL = Templates.JOIN_URL;
    /** The buttons of a tapped WeCom card replaced by one grey button reading the body; see {@link #RESPONSE_CODE}. */
    public static final String WECOM_CARD_UPDATE = "WECOM_CARD_UPDATE";
    /** The param of a card update naming the tapped card: the response_code WeCom sent with the tap. */
    public static final String RESPONSE_CODE = "responseCode";

    @Id
    public UUID id;
    @Column(name = "source_event_id")
    public UUID sourceEventId;
    public String purpose;
    @Column(name = "case_id")
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_kind")
    public RecipientKind recipientKind;
    @Column(name = "resident_id")
    public UUID residentId;
    @Column(name = "representative_id")
    public Long representativeId;
    /** Someone in the WeCom app named by their user id alone, who may be no representative on record. */
    @Column(name = "wecom_user_id")
    public String wecomUserId;
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
    /** The named parameters of the message: an SMS template's (what the SMS dispatcher sends), a card update's. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> params;
    /** Set when an UNKNOWN outcome was not found at the provider and the message went out once more. */
    @Column(name = "resent_after_unknown")
    public boolean resentAfterUnknown;
    /** Lookups of an UNKNOWN outcome that failed (not the answers "not found yet"); see SmsReconciler. */
    @Column(name = "reconcile_attempts")
    public int reconcileAttempts;

    OutboundMessage toResident(UUID resident, MessageChannel on) {
        return addressed(RecipientKind.RESIDENT, resident, null, on);
    }

    /**
     * The same message to the same resident on another channel, because this one could not carry it (no WeChat
     * consent left, say). Keyed by this message's id, so one failed message falls back once.
     */
    public OutboundMessage fallbackTo(MessageChannel other) {
        OutboundMessage copy = new OutboundMessage();
        copy.sourceEventId = id;
        copy.caseId = caseId;
        copy.purpose = purpose;
        copy.template = template;
        copy.body = body;
        copy.params = params;
        return copy.toResident(residentId, other);
    }

    /** Representatives are reached in the WeCom app, whether or not their WeCom account is on record yet. */
    OutboundMessage toRepresentative(long representative) {
        return addressed(RecipientKind.REPRESENTATIVE, null, representative, MessageChannel.WECOM);
    }

    /** The office as one recipient on WeCom; the WeCom channel will send it to the office's configured users. */
    OutboundMessage toTownOffice() {
        return addressed(RecipientKind.TOWN_OFFICE, null, null, MessageChannel.WECOM);
    }

    /** A WeCom user id, whoever it belongs to: the answer to a tap or to a stranger goes back where it came from. */
    OutboundMessage toWeComUser(String userId) {
        wecomUserId = userId;
        return addressed(RecipientKind.WECOM_USER, null, null, MessageChannel.WECOM);
    }

    /** Ready for the dispatcher: due now, once the event that called for it is set. */
    private OutboundMessage addressed(RecipientKind kind, UUID resident, Long representative, MessageChannel on) {
        id = UUID.randomUUID();
        recipientKind = kind;
        residentId = resident;
        representativeId = representative;
        channel = on;
        status = Status.PENDING;
        createdAt = OffsetDateTime.now();
        nextAttemptAt = createdAt;
        return this;
    }
}
