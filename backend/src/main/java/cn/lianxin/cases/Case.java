package cn.lianxin.cases;

import cn.lianxin.audit.ReadAudit;
import java.util.List;
import cn.lianxin.cases.domain.CaseFacts;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.cases.domain.HandlingClass;
import cn.lianxin.cases.domain.RevisitOutcome;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * 诉求: one resident's concern, from registration to archive. ("case" is an HQL keyword, hence the entity name.)
 * Updates write only the columns that changed: {@code reply_delivered} and {@code feedback_attempted} are also
 * kept by the database as the reply's messages are delivered (V20), and a command must not write them back.
 */
@Entity(name = "CaseFile")
@DynamicUpdate
@Table(name = "cases")
public class Case extends PanacheEntityBase implements CaseFacts {
    @Id
    public UUID id;
    public String number;
    @Column(name = "town_id")
    public Long townId;
    @Column(name = "resident_id")
    public UUID residentId;
    @Column(name = "village_id")
    public Long villageId;
    @Column(name = "category_id")
    public Long categoryId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String text;
    @Enumerated(EnumType.STRING)
    public CaseState state;
    @Enumerated(EnumType.STRING)
    @Column(name = "handling_class")
    public HandlingClass handlingClass;
    @Column(name = "awaiting_instruction")
    public boolean awaitingInstruction;
    @Column(name = "workstation_id")
    public Long workstationId;
    @Column(name = "representative_id")
    public Long representativeId;
    @Column(name = "routing_score")
    public BigDecimal routingScore;
    /** Why routing placed the case where it did, one line per point scored, or why it could not. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "routing_reasons")
    public String[] routingReasons;
    @Column(name = "sign_for_due_at")
    public OffsetDateTime signForDueAt;
    @Column(name = "signed_at")
    public OffsetDateTime signedAt;
    @Column(name = "reply_due_at")
    public OffsetDateTime replyDueAt;
    @Column(name = "resolve_due_at")
    public OffsetDateTime resolveDueAt;
    @Column(name = "supervised_at")
    public OffsetDateTime supervisedAt;
    @Column(name = "reply_text")
    public String replyText;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "reply_attachments")
    public String[] replyAttachments = new String[0];
    @Column(name = "replied_at")
    public OffsetDateTime repliedAt;
    /** The current reply's message reached the resident (sent or delivered); kept by the database (V20). */
    @Column(name = "reply_delivered")
    public boolean replyDelivered;
    @Enumerated(EnumType.STRING)
    public Feedback feedback;
    @Column(name = "feedback_comment")
    public String feedbackComment;
    @Column(name = "feedback_attempted")
    public boolean feedbackAttempted;
    @Column(name = "reopen_count")
    public int reopenCount;
    /** The latest revisit's outcome (回访, 事事有落实) and when it was made; null before any revisit. */
    @Enumerated(EnumType.STRING)
    @Column(name = "revisit_outcome")
    public RevisitOutcome revisitOutcome;
    @Column(name = "revisited_at")
    public OffsetDateTime revisitedAt;
    @Column(name = "archived_at")
    public OffsetDateTime archivedAt;
    /** Why content security wants a human look at the resident's text (WeChat's "review"); null when it passed. */
    @Column(name = "content_review")
    public String contentReview;
    /** 匿名: not to be named towards the public; staff still see who the resident is. */
    public boolean anonymous;
    @Column(name = "registered_by")
    public String registeredBy;
    @Column(name = "registered_at")
    public OffsetDateTime registeredAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;
    /**
     * The earliest clock still open, by V20's {@code next_open_deadline} (the one definition the overdue list and
     * the deadline watch use); read from the row, never written. Null when no clock is open.
     */
    @Formula("next_open_deadline(state, replied_at, sign_for_due_at, reply_due_at, resolve_due_at)")
    public OffsetDateTime nextOpenDeadline;

    @Override
    public String number() {
        return number;
    }

    @Override
    public CaseState state() {
        return state;
    }

    @Override
    public Long representativeId() {
        return representativeId;
    }

    @Override
    public boolean awaitingInstruction() {
        return awaitingInstruction;
    }

    @Override
    public Feedback feedback() {
        return feedback;
    }

    @Override
    public boolean replyDelivered() {
        return replyDelivered;
    }

    @Override
    public boolean feedbackAttempted() {
        return feedbackAttempted;
    }

    /** This case as a line of the read audit: its number, and whose case it is. */
    public ReadAudit.Read audited() {
        return ReadAudit.Read.ofCase(number, id, residentId);
    }

    public static List<ReadAudit.Read> audited(List<Case> cases) {
        return cases.stream().map(Case::audited).toList();
    }
}
