package cn.lianxin.questions;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * 公开提问: a case its resident asked in public, and what moderation made of its question and its answer (V62). The
 * case keeps the original words; only {@code publicText} and {@code answerText}, confirmed by a person, are public.
 */
@Entity
@Table(name = "public_question")
public class PublicQuestion extends PanacheEntityBase {

    /** Where a question or an answer stands in moderation. */
    public enum Moderation {
        AWAITING_MODERATION, PUBLISHED, KEPT_PRIVATE
    }

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    public Moderation status = Moderation.AWAITING_MODERATION;
    @Column(name = "public_text")
    public String publicText;
    @Column(name = "moderated_by")
    public String moderatedBy;
    @Column(name = "moderated_at")
    public OffsetDateTime moderatedAt;
    @Column(name = "private_reason")
    public String privateReason;
    /** Null while no reply of the case has been moderated. */
    @Enumerated(EnumType.STRING)
    @Column(name = "answer_status")
    public Moderation answerStatus;
    @Column(name = "answer_text")
    public String answerText;
    /** The case's {@code repliedAt} of the reply last moderated: a later reply waits for its own moderation. */
    @Column(name = "answer_of_reply_at")
    public OffsetDateTime answerOfReplyAt;
    @Column(name = "answer_moderated_by")
    public String answerModeratedBy;
    @Column(name = "answer_moderated_at")
    public OffsetDateTime answerModeratedAt;
    @Column(name = "answer_private_reason")
    public String answerPrivateReason;
    /** The asker's verdict on the published answer: false = "did not answer my question"; null = not said. */
    @Column(name = "answered_question")
    public Boolean answeredQuestion;
    @Column(name = "verdict_at")
    public OffsetDateTime verdictAt;

    public boolean published() {
        return status == Moderation.PUBLISHED;
    }

    public boolean answerPublished() {
        return answerStatus == Moderation.PUBLISHED;
    }

    /** The case's current reply has not been moderated yet (and the question is public, so it would be). */
    public boolean answerAwaiting(OffsetDateTime repliedAt) {
        return published() && repliedAt != null && (answerOfReplyAt == null || answerOfReplyAt.isBefore(repliedAt));
    }
}
