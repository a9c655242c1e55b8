package cn.lianxin.questions;

import cn.lianxin.api.ApiException;
import cn.lianxin.cases.Case;
import cn.lianxin.questions.PublicQuestion.Moderation;
import cn.lianxin.residents.Resident;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Moderation before anything is public: each question, and each reply to a published question, waits here with the
 * redaction proposed ({@link Redaction}) until a person of the town office publishes it (as proposed, or as they
 * edited it) or keeps it private with a reason. The case itself is never changed: staff read the resident's words
 * and the representative's reply as they were.
 */
@ApplicationScoped
public class QuestionModeration {

    /** What awaits a person: the question itself, or the reply to a published question. */
    public enum Part {
        QUESTION, ANSWER
    }

    /**
     * One item of the queue. {@code question} is the question as the public reads it, for an answer's context (null
     * for a question). {@code contentReview} is WeChat's content check asking for a human look, when it did.
     */
    public record Awaiting(UUID caseId, String number, Part part, String original, Redaction.Redacted proposal, String proposedText,
            String question, boolean anonymous, String contentReview, Long workstationId, OffsetDateTime since) {
        Awaiting(UUID caseId, String number, Part part, String original, Redaction.Redacted proposal, String question, boolean anonymous,
                String contentReview, Long workstationId, OffsetDateTime since) {
            this(caseId, number, part, original, proposal, proposal.text(), question, anonymous, contentReview, workstationId, since);
        }
    }

    static final int MAX_TEXT = 2000;
    static final int MAX_REASON = 500;
    /** A guard on one page of the queue, not paging: few questions wait at a time. */
    static final int SHOWN = 200;

    private static final String AWAITING = "select q, c from PublicQuestion q, CaseFile c where c.id = q.caseId"
            + " and (q.status = :awaiting or (q.status = :published and c.repliedAt is not null"
            + " and (q.answerOfReplyAt is null or q.answerOfReplyAt < c.repliedAt)))"
            + " order by c.registeredAt, c.id";

    private final Clock clock;

    public QuestionModeration(Clock clock) {
        this.clock = clock;
    }

    /** The queue, oldest question first; a question and its answer never wait at once (an answer needs a public question). */
    public Uni<List<Awaiting>> awaiting() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createSelectionQuery(AWAITING, Object[].class)
                        .setParameter("awaiting", Moderation.AWAITING_MODERATION).setParameter("published", Moderation.PUBLISHED)
                        .setMaxResults(SHOWN).getResultList())
                .chain(rows -> names(rows.stream().map(row -> (Case) row[1]).toList()).map(names -> rows.stream()
                        .map(row -> awaiting((PublicQuestion) row[0], (Case) row[1], names.of((Case) row[1]))).toList())));
    }

    private static Awaiting awaiting(PublicQuestion q, Case c, List<String> names) {
        if (q.published()) {
            return new Awaiting(c.id, c.number, Part.ANSWER, c.replyText, Redaction.of(c.replyText, names), q.publicText, c.anonymous,
                    null, c.workstationId, c.repliedAt);
        }
        return new Awaiting(c.id, c.number, Part.QUESTION, c.text, Redaction.of(c.text, names), null, c.anonymous, c.contentReview,
                c.workstationId, c.registeredAt);
    }

    /** 公开: the question as proposed, or as the person edited it (which must not show personal data either). */
    public Uni<PublicQuestion> publish(UUID caseId, String edited, Caller by) {
        return moderate(caseId, (q, c, names) -> {
            if (q.status != Moderation.AWAITING_MODERATION) {
                throw ApiException.conflict("这个问题已审核过 (the question was moderated already: " + q.status + ")");
            }
            q.status = Moderation.PUBLISHED;
            q.publicText = confirmed(c.text, edited, names);
            q.privateReason = null;
            stamp(q, by);
        });
    }

    /** 不公开: kept private with the reason; a published question is taken down the same way. */
    public Uni<PublicQuestion> keepPrivate(UUID caseId, String reason, Caller by) {
        String why = reason(reason);
        return moderate(caseId, (q, c, names) -> {
            if (q.status == Moderation.KEPT_PRIVATE) {
                throw ApiException.conflict("这个问题已不公开 (the question is kept private already)");
            }
            q.status = Moderation.KEPT_PRIVATE;
            q.publicText = null;
            q.privateReason = why;
            stamp(q, by);
            if (q.answerPublished()) {
                withdrawAnswer(q);
                q.answerStatus = Moderation.KEPT_PRIVATE;
                q.answerPrivateReason = why;
            }
        });
    }

    /** 公开答复: the case's current reply, as proposed or edited, under the published question. */
    public Uni<PublicQuestion> publishAnswer(UUID caseId, String edited, Caller by) {
        return moderate(caseId, (q, c, names) -> {
            answerAwaiting(q, c);
            q.answerStatus = Moderation.PUBLISHED;
            q.answerText = confirmed(c.replyText, edited, names);
            q.answerPrivateReason = null;
            answerStamp(q, c, by);
        });
    }

    /** 答复不公开: the reply stays with the asker; the question stays public, still waiting for an answer. */
    public Uni<PublicQuestion> keepAnswerPrivate(UUID caseId, String reason, Caller by) {
        String why = reason(reason);
        return moderate(caseId, (q, c, names) -> {
            if (!q.answerAwaiting(c.repliedAt) && !q.answerPublished()) {
                throw ApiException.conflict("没有待审核或已公开的答复 (no answer awaits moderation or is public)");
            }
            withdrawAnswer(q);
            q.answerStatus = Moderation.KEPT_PRIVATE;
            q.answerPrivateReason = why;
            answerStamp(q, c, by);
        });
    }

    private interface Decision {
        void apply(PublicQuestion q, Case c, List<String> names);
    }

    private Uni<PublicQuestion> moderate(UUID caseId, Decision decision) {
        return Panache.withTransaction(() -> PublicQuestion.<PublicQuestion>findById(caseId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Question " + caseId))
                .chain(q -> Case.<Case>findById(caseId).chain(c -> names(List.of(c)).invoke(names -> decision.apply(q, c, names.of(c))))
                        .replaceWith(q)));
    }

    private static void answerAwaiting(PublicQuestion q, Case c) {
        if (!q.answerAwaiting(c.repliedAt)) {
            throw ApiException.conflict("没有待审核的答复 (no reply awaits moderation: the question must be public and answered)");
        }
    }

    /** A withdrawn answer takes the asker's verdict with it: the verdict was about that answer. */
    private static void withdrawAnswer(PublicQuestion q) {
        q.answerText = null;
        q.answeredQuestion = null;
        q.verdictAt = null;
    }

    private void stamp(PublicQuestion q, Caller by) {
        q.moderatedBy = by.username();
        q.moderatedAt = OffsetDateTime.now(clock);
    }

    private void answerStamp(PublicQuestion q, Case c, Caller by) {
        q.answerOfReplyAt = c.repliedAt;
        q.answerModeratedBy = by.username();
        q.answerModeratedAt = OffsetDateTime.now(clock);
        if (q.answerStatus == Moderation.PUBLISHED) {
            q.answeredQuestion = null;
            q.verdictAt = null;
        }
    }

    /** The proposal, or the person's edit — refused (422 at {@code text}) while it still shows personal data. */
    static String confirmed(String original, String edited, List<String> names) {
        if (edited == null || edited.isBlank()) {
            return Redaction.of(original, names).text();
        }
        String text = edited.strip();
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw ApiException.invalidField("text", "must be at most " + MAX_TEXT + " characters");
        }
        Redaction.Redacted left = Redaction.of(text, names);
        if (left.changed()) {
            throw ApiException.invalidField("text", "仍含个人信息：" + left.found() + " (still shows personal data; remove it or publish the proposal)");
        }
        return text;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalidField("reason", "请写明不公开的理由 (required: why it is kept private)");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw ApiException.invalidField("reason", "must be at most " + MAX_REASON + " characters");
        }
        return reason.strip();
    }

    /** The names each case's public text must not show: the asker's, when they asked anonymously. */
    private record Names(Map<UUID, String> byResident) {
        List<String> of(Case c) {
            String name = c.anonymous ? byResident.get(c.residentId) : null;
            return name == null ? List.of() : List.of(name);
        }
    }

    private static Uni<Names> names(List<Case> cases) {
        List<UUID> anonymous = cases.stream().filter(c -> c.anonymous && c.residentId != null).map(c -> c.residentId).distinct().toList();
        if (anonymous.isEmpty()) {
            return Uni.createFrom().item(new Names(Collections.emptyMap()));
        }
        return Resident.<Resident>list("id in ?1 and name is not null", anonymous)
                .map(rs -> new Names(rs.stream().collect(Collectors.toMap(r -> r.id, r -> r.name))));
    }
}
