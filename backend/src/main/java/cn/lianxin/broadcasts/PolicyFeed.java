package cn.lianxin.broadcasts;

import cn.lianxin.api.ApiException;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseRegistration;
import cn.lianxin.cases.CaseRegistration.RegisterCase;
import cn.lianxin.cases.IdempotentRegistrations;
import cn.lianxin.cases.IdempotentRegistrations.Keys;
import cn.lianxin.cases.domain.Channel;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The resident's side of broadcasts: the 政策 feed (what went out to their village, or to them), a policy opened
 * (read, once), and a question about it — a case linked to the policy, placed with the representative who carries
 * the policy in the resident's village (代表送政策) rather than left to the town's queue.
 */
@ApplicationScoped
public class PolicyFeed {

    /** The broadcasts a resident sees: those drawn for them, and those for their village that went out in the feed. */
    private static final String VISIBLE = """
            FROM broadcast b JOIN resident r ON r.id = $1 LEFT JOIN village v ON v.id = r.village_id
            LEFT JOIN broadcast_delivery d ON d.broadcast_id = b.id AND d.resident_id = r.id AND d.channel = 'MINIPROGRAM'
            WHERE b.state IN ('SENDING', 'SENT') AND 'MINIPROGRAM' = ANY(b.channels)
              AND (d.status IS NOT NULL AND d.status <> 'SKIPPED' OR cardinality(b.category_ids) = 0 AND v.id IS NOT NULL
                   AND (b.audience_all AND b.town_id = v.town_id OR v.id = ANY(b.village_ids) OR v.constituency_id = ANY(b.constituency_ids)))""";

    /** The representatives who carry a broadcast in a village: by default those whose contact village it is. */
    private static final String CARRIERS = """
            SELECT p.id, p.name, p.workstation_id FROM representative p JOIN representative_contact_village c ON c.representative_id = p.id
            WHERE c.village_id = $1 AND p.active ORDER BY p.group_leader, p.id""";

    public record Carrier(long id, String name, long workstationId) {
        static Carrier of(Row row) {
            return new Carrier(row.getLong(0), row.getString(1), row.getLong(2));
        }
    }

    public record PolicyItem(UUID id, String title, String summary, OffsetDateTime publishedAt, boolean read) {
        static PolicyItem of(Row row) {
            return new PolicyItem(row.getUUID("id"), row.getString("title"), row.getString("summary"), row.getOffsetDateTime("published_at"),
                    row.getBoolean("read"));
        }
    }

    public record Policy(UUID id, String title, String summary, String body, List<String> attachmentIds, OffsetDateTime publishedAt,
            List<String> representatives, List<PolicyFaq.Entry> faq) {
    }

    public record Question(UUID caseId, String number, String representative) {
    }

    private final Pool pool;
    private final CaseRegistration registration;
    private final Clock clock;
    private final String questionCategory;
    private final PolicyFaq faq;

    public PolicyFeed(Pool pool, CaseRegistration registration, Clock clock, PolicyFaq faq,
            @ConfigProperty(name = "lianxin.broadcast.question-category") String questionCategory) {
        this.faq = faq;
        this.pool = pool;
        this.registration = registration;
        this.clock = clock;
        this.questionCategory = questionCategory;
    }

    /** Newest first; {@code read} once the resident opened it. */
    public Uni<List<PolicyItem>> feed(UUID residentId) {
        return pool.preparedQuery("SELECT b.id, b.title, b.summary, coalesce(b.sending_at, b.approved_at) AS published_at,"
                        + " d.read_at IS NOT NULL AS read " + VISIBLE + " ORDER BY b.sending_at DESC NULLS LAST LIMIT 100")
                .execute(Tuple.of(residentId)).map(rows -> StreamSupport.stream(rows.spliterator(), false).map(PolicyItem::of).toList());
    }

    /**
     * The policy, with the names of the representatives who carry it in the resident's village and its FAQ; opening it records
     * the read (once: a second opening keeps the first time). Reading is the surest sign it reached them, so a feed
     * row skipped when the audience was drawn (they were not in the mini-program yet) becomes READ as well.
     */
    public Uni<Policy> open(UUID residentId, UUID id) {
        return pool.preparedQuery("SELECT b.id, b.title, b.summary, b.body, b.attachment_ids, coalesce(b.sending_at, b.approved_at) AS published_at,"
                        + " r.village_id " + VISIBLE + " AND b.id = $2")
                .execute(Tuple.of(residentId, id)).chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound("Policy " + id);
                    }
                    Row row = rows.iterator().next();
                    Long village = row.getLong("village_id");
                    return Uni.combine().all().unis(carriers(village), faq.of(id)).asTuple().call(() -> read(residentId, id))
                            .map(t -> new Policy(id, row.getString("title"), row.getString("summary"), row.getString("body"),
                                    List.of(row.getArrayOfStrings("attachment_ids")), row.getOffsetDateTime("published_at"),
                                    t.getItem1().stream().map(Carrier::name).toList(), t.getItem2()));
                });
    }

    private Uni<Void> read(UUID residentId, UUID id) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pool.preparedQuery("""
                INSERT INTO broadcast_delivery (broadcast_id, resident_id, channel, status, next_attempt_at, sent_at, delivered_at, read_at, updated_at)
                VALUES ($1, $2, 'MINIPROGRAM', 'READ', $3, $3, $3, $3, $3)
                ON CONFLICT (broadcast_id, resident_id, channel) DO UPDATE SET status = 'READ', read_at = $3, updated_at = $3,
                    sent_at = coalesce(broadcast_delivery.sent_at, $3), delivered_at = coalesce(broadcast_delivery.delivered_at, $3), detail = NULL
                WHERE broadcast_delivery.read_at IS NULL""").execute(Tuple.of(id, residentId, now)).replaceWithVoid();
    }

    public Uni<List<Carrier>> carriers(Long villageId) {
        if (villageId == null) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(CARRIERS).execute(Tuple.of(villageId))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Carrier::of).toList());
    }

    /** A question registered, and whether this request registered it (false: a retry answered with the first). */
    public record Asked(Question question, boolean first) {
    }

    /**
     * 我有疑问 in the mini-program: a case linked to the policy, with the representative who carries it — once per
     * {@code Idempotency-Key}, the way a submitted concern is (a retry answers the first case, never a second).
     */
    public Uni<Asked> ask(UUID residentId, UUID id, String text, String idempotencyKey) {
        IdempotentRegistrations.validate(idempotencyKey);
        String fingerprint = IdempotentRegistrations.fingerprint("policy question", id, text.strip());
        return pool.preparedQuery("SELECT b.title, r.village_id " + VISIBLE + " AND b.id = $2").execute(Tuple.of(residentId, id)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                throw ApiException.notFound("Policy " + id);
            }
            Row row = rows.iterator().next();
            Long villageId = row.getLong("village_id");
            return carriers(villageId).chain(carriers -> Panache.withTransaction(() -> IdempotentRegistrations.register(Keys.RESIDENT,
                    residentId, idempotencyKey, fingerprint, () -> register(residentId, villageId, id, row.getString("title"), text,
                            Channel.MINIPROGRAM, "小程序居民 " + residentId.toString().substring(0, 8), carriers))));
        }).chain(r -> answer(r.registered()).map(q -> new Asked(q, r.first())));
    }

    /**
     * Registers a question about broadcast {@code id} as a case and links it to the broadcast. The village's carrier
     * gets it; without one, routing places it as any case.
     */
    public Uni<Question> question(UUID residentId, Long villageId, UUID id, String title, String text, Channel channel, String actor) {
        return carriers(villageId).chain(carriers -> Panache.withTransaction(() -> register(residentId, villageId, id, title, text, channel,
                actor, carriers))).chain(this::answer);
    }

    /** In the caller's transaction. */
    private Uni<Case> register(UUID residentId, Long villageId, UUID id, String title, String text, Channel channel, String actor,
            List<Carrier> carriers) {
        return categoryId().chain(category -> {
            Carrier carrier = carriers.isEmpty() ? null : carriers.get(0);
            RegisterCase command = new RegisterCase(residentId, villageId, category, channel, "【政策疑问：" + title + "】" + text.strip());
            return (carrier == null ? registration.register(command, actor)
                    : registration.registerWith(command, carrier.id(), rep -> "政策解读「" + title + "」的宣讲代表：" + rep.name, actor))
                    .call(c -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                    INSERT INTO broadcast_question (case_id, broadcast_id, resident_id, channel, asked_at)
                                    VALUES (:case, :broadcast, :resident, :channel, :at)""").setParameter("case", c.id).setParameter("broadcast", id)
                            .setParameter("resident", residentId).setParameter("channel", channel.name()).setParameter("at", OffsetDateTime.now(clock))
                            .executeUpdate()));
        });
    }

    /** The question's case with the name of the representative it is with now. */
    private Uni<Question> answer(Case c) {
        return (c.representativeId == null ? Uni.createFrom().<String>nullItem()
                : pool.preparedQuery("SELECT name FROM representative WHERE id = $1").execute(Tuple.of(c.representativeId))
                        .map(rows -> rows.iterator().next().getString(0)))
                .map(name -> new Question(c.id, c.number, name));
    }

    private Uni<Long> categoryId() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select c.id from Category c where c.code = :code and c.active = true", Long.class)
                .setParameter("code", questionCategory).getSingleResultOrNull())
                .onItem().ifNull().failWith(() -> new IllegalStateException("the question category '" + questionCategory + "' does not exist or is deactivated"));
    }
}
