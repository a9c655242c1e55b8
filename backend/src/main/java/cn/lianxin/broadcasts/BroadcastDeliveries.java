package cn.lianxin.broadcasts;

import cn.lianxin.api.Page;
import cn.lianxin.broadcasts.domain.DeliveryChannel;
import cn.lianxin.broadcasts.domain.DeliveryStatus;
import cn.lianxin.channels.miniprogram.PolicyMessages;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * The delivery rows of broadcasts: drawing the audience into them, moving them forward, and counting them.
 * {@link #advance} is the one way a provider's news (an SMS receipt, a subscribe message's sent event) changes a
 * row, and it only ever moves a row forward.
 */
@ApplicationScoped
public class BroadcastDeliveries {

    /**
     * The audience at send time: the villages chosen (the whole town, constituencies or villages), the residents
     * who live there or raised a concern there, merged identities as the one resident they are, narrowed to those
     * who raised a concern in the chosen categories when there are any. One row per resident and chosen channel,
     * PENDING where the channel can reach them and SKIPPED (with why) where not; the feed is in place at once.
     * Per resident the push follows the preference order: a subscribe message where they consented, else an SMS.
     * ON CONFLICT: drawing again after a crash adds nobody twice.
     */
    private static final String MEMBERS = """
            WITH villages AS (
                SELECT id FROM village WHERE town_id = $1 AND ($2 OR id = ANY($3) OR constituency_id = ANY($4))
            ), members AS (
                SELECT coalesce(r.merged_into, r.id) AS id FROM resident r WHERE r.village_id IN (SELECT id FROM villages)
                UNION
                SELECT coalesce(r.merged_into, r.id) FROM cases c JOIN resident r ON r.id = c.resident_id
                WHERE c.village_id IN (SELECT id FROM villages)
            )""";
    private static final String IN_CATEGORIES = """
            (cardinality($5::bigint[]) = 0 OR EXISTS (SELECT 1 FROM cases c WHERE c.resident_id = r.id AND c.category_id = ANY($5)))""";
    private static final String DRAW = MEMBERS + """
            , audience AS (
                SELECT r.id, r.openid IS NOT NULL AS in_app, r.phone_cipher IS NOT NULL AS has_phone,
                       r.openid IS NOT NULL AND 'SUBSCRIBE' = ANY($7) AND EXISTS (SELECT 1 FROM mp_subscription s
                           WHERE s.resident_id = r.id AND s.template_id = $8 AND s.remaining > 0) AS consented
                FROM resident r
                WHERE r.id IN (SELECT id FROM members) AND r.merged_into IS NULL AND """ + IN_CATEGORIES + """
            ), rows AS (
                SELECT a.id AS resident_id, ch.channel, CASE ch.channel
                    WHEN 'MINIPROGRAM' THEN CASE WHEN a.in_app THEN 'DELIVERED' ELSE 'SKIPPED' END
                    WHEN 'SUBSCRIBE' THEN CASE WHEN a.consented THEN 'PENDING' ELSE 'SKIPPED' END
                    ELSE CASE WHEN a.has_phone AND NOT a.consented THEN 'PENDING' ELSE 'SKIPPED' END END AS status,
                  CASE ch.channel
                    WHEN 'MINIPROGRAM' THEN CASE WHEN a.in_app THEN NULL ELSE 'does not use the mini-program' END
                    WHEN 'SUBSCRIBE' THEN CASE WHEN a.consented THEN NULL ELSE 'no subscribe consent' END
                    ELSE CASE WHEN NOT a.has_phone THEN 'no phone number' WHEN a.consented THEN $10 END END AS detail
                FROM audience a CROSS JOIN unnest($7::text[]) AS ch(channel)
            )
            INSERT INTO broadcast_delivery (broadcast_id, resident_id, channel, status, detail, next_attempt_at, sent_at, delivered_at, updated_at)
            SELECT $6, resident_id, channel, status, detail, $9, CASE WHEN status = 'DELIVERED' THEN $9 END,
                   CASE WHEN status = 'DELIVERED' THEN $9 END, $9
            FROM rows
            ON CONFLICT (broadcast_id, resident_id, channel) DO NOTHING""";

    /** An SMS row standing by while a subscribe message carries the policy; it goes if that message fails. */
    static final String STANDS_BY = "reached by a subscribe message";

    private final Pool pool;
    private final Clock clock;
    private final PolicyMessages policyMessages;

    public BroadcastDeliveries(Pool pool, Clock clock, PolicyMessages policyMessages) {
        this.pool = pool;
        this.clock = clock;
        this.policyMessages = policyMessages;
    }

    /** Draws the broadcast's audience into delivery rows (idempotent); @return how many rows were added. */
    Uni<Integer> draw(Broadcast b) {
        return pool.preparedQuery(DRAW).execute(Tuple.tuple().addValue(b.townId).addValue(b.audienceAll).addValue(b.villageIds)
                        .addValue(b.constituencyIds).addValue(b.categoryIds).addValue(b.id).addValue(b.channels)
                        .addValue(policyMessages.template()).addValue(now()).addValue(STANDS_BY))
                .map(rows -> rows.rowCount());
    }

    /** How many residents the audience holds right now, before anything is drawn (the console's preview). */
    public Uni<Long> audienceSize(long townId, boolean all, Long[] villageIds, Long[] constituencyIds, Long[] categoryIds) {
        return pool.preparedQuery(MEMBERS + " SELECT count(*) FROM resident r WHERE r.id IN (SELECT id FROM members) AND r.merged_into IS NULL AND "
                        + IN_CATEGORIES)
                .execute(Tuple.tuple().addValue(townId).addValue(all).addValue(villageIds).addValue(constituencyIds).addValue(categoryIds))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Moves the rows a provider names forward to {@code status}, and never backward: a row already at or past it
     * (a late receipt, a repeated push) is left as it is. {@code providerMessageId} is an SMS BizId (shared by the
     * numbers of one SendSms call, so {@code residentId} picks the one) or a subscribe message's msgid
     * ({@code residentId} may be null). The SMS receipts and the mini-program's {@code subscribe_msg_sent_event} both
     * come through here.
     *
     * @return how many rows moved
     */
    public Uni<Integer> advance(String providerMessageId, UUID residentId, DeliveryStatus status, String detail) {
        return advance(pool, "provider_message_id = $1 AND ($2::uuid IS NULL OR resident_id = $2)", providerMessageId, residentId,
                status, detail);
    }

    /** The resident opened the policy in the mini-program: their feed row is READ, once. */
    Uni<Integer> read(UUID broadcastId, UUID residentId) {
        return advance(pool, "broadcast_id = $1 AND resident_id = $2 AND channel = 'MINIPROGRAM'", broadcastId, residentId,
                DeliveryStatus.READ, null);
    }

    /** The same move for the rows of one SendSms call, in the caller's transaction, keeping the call's BizId. */
    Uni<Integer> advanceBatch(SqlClient tx, UUID batchId, DeliveryStatus status, String bizId, String detail) {
        return tx.preparedQuery(moveTo(", provider_message_id = coalesce($2, provider_message_id)", "batch_id = $1"))
                .execute(tuple(batchId, bizId, status, detail)).map(rows -> rows.rowCount());
    }

    /** One row forward, by its id, in the caller's transaction. */
    Uni<Integer> advanceRow(SqlClient tx, long id, DeliveryStatus status, String detail) {
        return advance(tx, "id = $1 AND $2::text IS NULL", id, null, status, detail);
    }

    /**
     * The preference order's fallback: where a resident's subscribe message ended FAILED (the row {@code where} names,
     * with $1) while the broadcast is going out, their SMS row standing by is due now. After the broadcast is sent, the
     * office's retry of the failed rows does the same.
     */
    Uni<Integer> fallBackToSms(SqlClient tx, String where, Object key) {
        return tx.preparedQuery("""
                        UPDATE broadcast_delivery s SET status = 'PENDING', detail = 'the subscribe message failed: sent by SMS',
                            next_attempt_at = $2, updated_at = $2
                        FROM broadcast_delivery f JOIN broadcast b ON b.id = f.broadcast_id
                        WHERE f.channel = 'SUBSCRIBE' AND f.status = 'FAILED' AND b.state = 'SENDING' AND s.broadcast_id = f.broadcast_id
                          AND s.resident_id = f.resident_id AND s.channel = 'SMS' AND s.status = 'SKIPPED' AND s.detail = $3 AND f.""" + where)
                .execute(Tuple.of(key, now(), STANDS_BY)).map(rows -> rows.rowCount());
    }

    private Uni<Integer> advance(SqlClient client, String where, Object key, Object second, DeliveryStatus status, String detail) {
        return client.preparedQuery(moveTo("", where)).execute(tuple(key, second, status, detail)).map(rows -> rows.rowCount());
    }

    /** $1, $2: the rows' keys; $3 the status; $4 the detail (null keeps it); $5 now; $6 the statuses $3 advances from. */
    private static String moveTo(String set, String where) {
        return """
                UPDATE broadcast_delivery SET status = $3, detail = coalesce($4, detail), updated_at = $5,
                    sent_at = CASE WHEN $3::text IN ('SENT', 'DELIVERED', 'READ') THEN coalesce(sent_at, $5) ELSE sent_at END,
                    delivered_at = CASE WHEN $3::text IN ('DELIVERED', 'READ') THEN coalesce(delivered_at, $5) ELSE delivered_at END,
                    read_at = CASE WHEN $3::text = 'READ' THEN coalesce(read_at, $5) ELSE read_at END"""
                + set + " WHERE status = ANY($6) AND " + where;
    }

    private Tuple tuple(Object key, Object second, DeliveryStatus status, String detail) {
        String[] from = Arrays.stream(DeliveryStatus.values()).filter(status::advances).map(Enum::name).toArray(String[]::new);
        return Tuple.tuple().addValue(key).addValue(second).addValue(status.name()).addValue(detail).addValue(now()).addValue(from);
    }

    /** Per channel, how many rows are in each status. */
    public Uni<Map<DeliveryChannel, Map<DeliveryStatus, Long>>> counts(UUID broadcastId) {
        return pool.preparedQuery("SELECT channel, status, count(*) FROM broadcast_delivery WHERE broadcast_id = $1 GROUP BY channel, status")
                .execute(Tuple.of(broadcastId)).map(rows -> {
                    Map<DeliveryChannel, Map<DeliveryStatus, Long>> counts = new EnumMap<>(DeliveryChannel.class);
                    for (Row row : rows) {
                        counts.computeIfAbsent(DeliveryChannel.valueOf(row.getString(0)), c -> new EnumMap<>(DeliveryStatus.class))
                                .put(DeliveryStatus.valueOf(row.getString(1)), row.getLong(2));
                    }
                    return counts;
                });
    }

    /**
     * A channel's funnel: rows to send (all but the skipped), sent, delivered, read (each counting the rows that got
     * at least that far), and the rows that ended failed, opted out or skipped.
     */
    public record Funnel(DeliveryChannel channel, long toSend, long sent, long delivered, long read, long failed, long optedOut,
            long skipped, long waiting) {
        /** The rows that no longer wait for a send: the progress bar's numerator. */
        public long done() {
            return toSend - waiting;
        }
    }

    public Uni<List<Funnel>> funnel(UUID broadcastId) {
        return pool.preparedQuery("""
                        SELECT channel, count(*) FILTER (WHERE status <> 'SKIPPED'), count(sent_at), count(delivered_at), count(read_at),
                               count(*) FILTER (WHERE status = 'FAILED'), count(*) FILTER (WHERE status = 'OPTED_OUT'),
                               count(*) FILTER (WHERE status = 'SKIPPED'), count(*) FILTER (WHERE status IN ('PENDING', 'SENDING'))
                        FROM broadcast_delivery WHERE broadcast_id = $1 GROUP BY channel ORDER BY channel""")
                .execute(Tuple.of(broadcastId)).map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(r -> new Funnel(DeliveryChannel.valueOf(r.getString(0)), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                                r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8))).toList());
    }

    /**
     * A broadcast's figures for one village (the residents' own; null: not known) or for the whole audience: the
     * residents in it, those it reached — a push (subscribe message or SMS) delivered, or the policy read in the
     * feed; a feed entry alone is not a resident reached —, those in the mini-program and those who read it there,
     * and their questions.
     */
    public record Figures(Long villageId, String village, long audience, long reached, long inMiniProgram, long read, long questions) {
        /** Residents reached ÷ residents in the audience; null when there is nobody. */
        public Double reach() {
            return audience == 0 ? null : (double) reached / audience;
        }

        /** Readers ÷ residents with the policy in their mini-program feed; null when none has. */
        public Double readRate() {
            return inMiniProgram == 0 ? null : (double) read / inMiniProgram;
        }

        static Figures total(List<Figures> villages) {
            return new Figures(null, null, villages.stream().mapToLong(Figures::audience).sum(), villages.stream().mapToLong(Figures::reached).sum(),
                    villages.stream().mapToLong(Figures::inMiniProgram).sum(), villages.stream().mapToLong(Figures::read).sum(),
                    villages.stream().mapToLong(Figures::questions).sum());
        }
    }

    /** The whole broadcast's figures and each village's. */
    public record FiguresView(Figures total, List<Figures> villages) {
    }

    /** Per village, by name; a resident counts once in their village, whatever channels they had. */
    public Uni<FiguresView> figures(UUID broadcastId) {
        return pool.preparedQuery("""
                        WITH residents AS (
                            SELECT resident_id,
                                   bool_or(channel <> 'MINIPROGRAM' AND delivered_at IS NOT NULL OR channel = 'MINIPROGRAM' AND read_at IS NOT NULL) AS reached,
                                   bool_or(channel = 'MINIPROGRAM' AND status <> 'SKIPPED') AS in_app,
                                   bool_or(channel = 'MINIPROGRAM' AND read_at IS NOT NULL) AS read
                            FROM broadcast_delivery WHERE broadcast_id = $1 GROUP BY resident_id
                        ), questions AS (
                            SELECT resident_id, count(*) AS asked FROM broadcast_question WHERE broadcast_id = $1 GROUP BY resident_id
                        )
                        SELECT v.id, v.name, count(p.resident_id), count(*) FILTER (WHERE p.reached), count(*) FILTER (WHERE p.in_app),
                               count(*) FILTER (WHERE p.read), coalesce(sum(q.asked), 0)::bigint
                        FROM residents p FULL JOIN questions q ON q.resident_id = p.resident_id
                        JOIN resident r ON r.id = coalesce(p.resident_id, q.resident_id) LEFT JOIN village v ON v.id = r.village_id
                        GROUP BY v.id, v.name ORDER BY v.name NULLS LAST""")
                .execute(Tuple.of(broadcastId)).map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(r -> new Figures(r.getLong(0), r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)))
                        .toList()).map(villages -> new FiguresView(Figures.total(villages), villages));
    }

    /** One recipient's row as the office sees it: the number masked, never in clear. */
    public record Recipient(long id, UUID residentId, String name, String phoneMasked, String villageName, DeliveryChannel channel,
            DeliveryStatus status, String detail, OffsetDateTime sentAt, OffsetDateTime deliveredAt, OffsetDateTime readAt) {
        static Recipient of(Row row) {
            return new Recipient(row.getLong("id"), row.getUUID("resident_id"), row.getString("name"), row.getString("phone_masked"),
                    row.getString("village_name"), DeliveryChannel.valueOf(row.getString("channel")),
                    DeliveryStatus.valueOf(row.getString("status")), row.getString("detail"), row.getOffsetDateTime("sent_at"),
                    row.getOffsetDateTime("delivered_at"), row.getOffsetDateTime("read_at"));
        }
    }

    /** The recipients' rows in the order they were drawn, optionally of one status; {@code size} 0: every row. */
    public Uni<Page<Recipient>> recipients(UUID broadcastId, DeliveryStatus status, int page, int size) {
        String where = " WHERE d.broadcast_id = $1 AND ($2::text IS NULL OR d.status = $2)";
        Uni<List<Recipient>> items = pool.preparedQuery("""
                        SELECT d.id, d.resident_id, r.name, r.phone_masked, v.name AS village_name, d.channel, d.status, d.detail,
                               d.sent_at, d.delivered_at, d.read_at
                        FROM broadcast_delivery d JOIN resident r ON r.id = d.resident_id LEFT JOIN village v ON v.id = r.village_id"""
                        + where + " ORDER BY d.id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(broadcastId, status == null ? null : status.name(), size == 0 ? Integer.MAX_VALUE : size, page * size))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Recipient::of).toList());
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM broadcast_delivery d" + where)
                .execute(Tuple.of(broadcastId, status == null ? null : status.name())).map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(items, total).asTuple().map(t -> new Page<>(t.getItem1(), page, size, t.getItem2()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
