package cn.lianxin.questions;

import cn.lianxin.api.ApiException;
import cn.lianxin.cases.Case;
import cn.lianxin.masterdata.Category;
import cn.lianxin.residents.Resident;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The asker's side of a public question: it is opened together with its case (the mini-program's submit registers
 * both in one transaction), the asker follows it, and says whether the published answer answered it.
 */
@ApplicationScoped
public class PublicQuestions {

    /** The asker's own question as they follow it: where moderation stands, what is public, their verdict. */
    public record Mine(UUID caseId, String number, String text, PublicQuestion.Moderation status, String publicText,
            String answer, Boolean answeredQuestion, boolean canGiveVerdict, OffsetDateTime askedAt) {
    }

    private final String defaultCategory;
    private final Clock clock;

    public PublicQuestions(@ConfigProperty(name = "lianxin.questions.default-category") String defaultCategory, Clock clock) {
        this.defaultCategory = defaultCategory;
        this.clock = clock;
    }

    /** In the case's registration transaction: the question waits for moderation, public in nothing yet. */
    public Uni<Void> opened(Case c) {
        PublicQuestion q = new PublicQuestion();
        q.caseId = c.id;
        return q.persist().replaceWithVoid();
    }

    /** The category the asker chose, or the town's catch-all when they did not (a question need not know its field). */
    public Uni<Long> categoryOr(Long chosen) {
        if (chosen != null) {
            return Uni.createFrom().item(chosen);
        }
        return Panache.withSession(() -> Category.<Category>find("code = ?1 and active = true", defaultCategory).firstResult())
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "the questions' default category '" + defaultCategory + "' does not exist or is deactivated"))
                .map(category -> category.id);
    }

    public Uni<List<Mine>> mine(UUID residentId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select q, c from PublicQuestion q, CaseFile c where c.id = q.caseId and c.residentId = :resident"
                                + " order by c.registeredAt desc, c.id", Object[].class)
                .setParameter("resident", residentId).setMaxResults(100).getResultList()))
                .map(rows -> rows.stream().map(row -> mine((PublicQuestion) row[0], (Case) row[1])).toList());
    }

    /**
     * "Did the answer answer your question?" — the asker only (another's question does not exist: 404), and only of a
     * published answer (409 before). Their latest word counts.
     */
    public Uni<Mine> verdict(UUID caseId, Resident asker, Boolean answered) {
        if (answered == null) {
            throw ApiException.invalidField("answered", "is required: true (it answered my question) or false (it did not)");
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select q, c from PublicQuestion q, CaseFile c where c.id = q.caseId and q.caseId = :id and c.residentId = :resident",
                        Object[].class).setParameter("id", caseId).setParameter("resident", asker.id).getSingleResultOrNull())
                .onItem().ifNull().failWith(() -> ApiException.notFound("Question " + caseId))
                .invoke(row -> {
                    PublicQuestion q = (PublicQuestion) row[0];
                    if (!q.answerPublished()) {
                        throw ApiException.conflict("这个问题还没有公开的答复 (no answer has been published to this question yet)");
                    }
                    q.answeredQuestion = answered;
                    q.verdictAt = OffsetDateTime.now(clock);
                })
                .map(row -> mine((PublicQuestion) row[0], (Case) row[1])));
    }

    private static Mine mine(PublicQuestion q, Case c) {
        return new Mine(c.id, c.number, c.text, q.status, q.publicText, q.answerPublished() ? q.answerText : null,
                q.answeredQuestion, q.answerPublished(), c.registeredAt);
    }
}
