package cn.lianxin.broadcasts;

import cn.lianxin.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * The questions residents asked about a policy, and the FAQ the town office publishes from them under the policy:
 * a question with its case's answer, in the office's words (prefilled from the case, edited as it publishes — a
 * resident's question may name them or their neighbours).
 */
@ApplicationScoped
public class PolicyFaq {

    /** A question asked about the policy, as the office sees it; {@code question} is the resident's text without its 【政策疑问】 label. */
    public record AskedQuestion(UUID caseId, String number, String village, String channel, OffsetDateTime askedAt, String question,
            String reply, boolean published) {
        static AskedQuestion of(Row r) {
            return new AskedQuestion(r.getUUID("case_id"), r.getString("number"), r.getString("village"), r.getString("channel"),
                    r.getOffsetDateTime("asked_at"), r.getString("question"), r.getString("reply_text"), r.getBoolean("published"));
        }
    }

    /** One entry of the FAQ as residents read it. */
    public record Entry(String question, String answer) {
    }

    private final Pool pool;
    private final Clock clock;

    public PolicyFaq(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Newest first. */
    public Uni<List<AskedQuestion>> questions(UUID broadcastId) {
        return pool.preparedQuery("""
                        SELECT q.case_id, c.number, v.name AS village, q.channel, q.asked_at,
                               regexp_replace(c.text, '^【政策疑问：[^】]*】', '') AS question, c.reply_text, f.case_id IS NOT NULL AS published
                        FROM broadcast_question q JOIN cases c ON c.id = q.case_id LEFT JOIN village v ON v.id = c.village_id
                        LEFT JOIN broadcast_faq f ON f.case_id = q.case_id
                        WHERE q.broadcast_id = $1 ORDER BY q.asked_at DESC LIMIT 500""")
                .execute(Tuple.of(broadcastId)).map(rows -> StreamSupport.stream(rows.spliterator(), false).map(AskedQuestion::of).toList());
    }

    /**
     * Publishes (or, published already, rewords) a question about this policy with its answer. Only a question that
     * was answered may be published: the FAQ answers, it does not ask.
     */
    public Uni<Entry> publish(UUID broadcastId, UUID caseId, String question, String answer, String publishedBy) {
        if (question == null || question.isBlank()) {
            throw ApiException.invalidField("question", "is required");
        }
        if (answer == null || answer.isBlank()) {
            throw ApiException.invalidField("answer", "is required");
        }
        return pool.preparedQuery("""
                        SELECT c.reply_text IS NOT NULL FROM broadcast_question q JOIN cases c ON c.id = q.case_id
                        WHERE q.case_id = $1 AND q.broadcast_id = $2""").execute(Tuple.of(caseId, broadcastId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.invalidField("caseId", "is not a question about this policy");
                    }
                    if (!rows.iterator().next().getBoolean(0)) {
                        throw ApiException.invalidField("caseId", "has no answer yet: publish it once the representative replied");
                    }
                    return pool.preparedQuery("""
                                    INSERT INTO broadcast_faq (case_id, broadcast_id, question, answer, published_by, published_at)
                                    VALUES ($1, $2, $3, $4, $5, $6)
                                    ON CONFLICT (case_id) DO UPDATE SET question = $3, answer = $4, published_by = $5, published_at = $6""")
                            .execute(Tuple.of(caseId, broadcastId, question.strip(), answer.strip(), publishedBy, OffsetDateTime.now(clock)));
                }).replaceWith(new Entry(question.strip(), answer.strip()));
    }

    /** The policy's FAQ, in the order it was published. */
    public Uni<List<Entry>> of(UUID broadcastId) {
        return pool.preparedQuery("SELECT question, answer FROM broadcast_faq WHERE broadcast_id = $1 ORDER BY published_at, case_id")
                .execute(Tuple.of(broadcastId))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> new Entry(r.getString(0), r.getString(1))).toList());
    }
}
