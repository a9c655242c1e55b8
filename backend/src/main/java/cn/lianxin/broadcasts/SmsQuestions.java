package cn.lianxin.broadcasts;

import cn.lianxin.cases.domain.Channel;
import cn.lianxin.channels.sms.BroadcastAnswers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** An SMS answer to a broadcast SMS is a question about the policy, asked like 我有疑问 in the mini-program. */
@ApplicationScoped
public class SmsQuestions implements BroadcastAnswers {

    private final Pool pool;
    private final PolicyFeed feed;

    public SmsQuestions(Pool pool, PolicyFeed feed) {
        this.pool = pool;
        this.feed = feed;
    }

    @Override
    public Uni<Optional<Sent>> latest(UUID residentId, OffsetDateTime since) {
        return pool.preparedQuery("""
                        SELECT broadcast_id, sent_at FROM broadcast_delivery
                        WHERE resident_id = $1 AND channel = 'SMS' AND sent_at >= $2 ORDER BY sent_at DESC LIMIT 1""")
                .execute(Tuple.of(residentId, since)).map(rows -> rows.iterator().hasNext()
                        ? Optional.of(new Sent(rows.iterator().next().getUUID(0), rows.iterator().next().getOffsetDateTime(1)))
                        : Optional.empty());
    }

    @Override
    public Uni<UUID> ask(Sent broadcast, UUID residentId, Long villageId, String text, String actor) {
        return pool.preparedQuery("SELECT title FROM broadcast WHERE id = $1").execute(Tuple.of(broadcast.broadcastId()))
                .chain(rows -> feed.question(residentId, villageId, broadcast.broadcastId(), rows.iterator().next().getString(0), text,
                        Channel.SMS, actor))
                .map(PolicyFeed.Question::caseId);
    }
}
