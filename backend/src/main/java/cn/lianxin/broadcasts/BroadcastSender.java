package cn.lianxin.broadcasts;

import cn.lianxin.api.ApiException;
import cn.lianxin.broadcasts.domain.BroadcastCommand;
import cn.lianxin.broadcasts.domain.BroadcastRules.Actor;
import cn.lianxin.broadcasts.domain.DeliveryStatus;
import cn.lianxin.channels.miniprogram.PolicyMessages;
import cn.lianxin.channels.sms.AliyunSms;
import cn.lianxin.channels.sms.SmsLimits;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.sms.send.AliyunSmsSender;
import cn.lianxin.sms.send.SendResult;
import cn.lianxin.sms.send.SentDetail;
import cn.lianxin.sms.send.SmsTemplate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends approved broadcasts, resumably: every step is a row first, so a stopped or crashed instance leaves nothing
 * that the next round cannot finish, and nothing is sent twice.
 * <ol>
 * <li>A due broadcast's audience is drawn into delivery rows (idempotent) and the broadcast goes SENDING.</li>
 * <li>SMS go in batches of numbers with the same content, one SendSms call each (≤ 1,000 numbers): the rows are
 * claimed (SKIP LOCKED), opt-outs are read right then, per-number limits hold a number for later, and the claimed
 * rows are marked SENDING with the call's OutId before the call — the call itself is outside any transaction.
 * Its answer moves the rows to SENT (with the BizId), FAILED (permanent), or back to due later (throttled).</li>
 * <li>Rows still SENDING long after their call (the instance died, or the answer never came) are settled by
 * QuerySendDetails for the OutId: sent → forward; not found → due again; SendSms is never repeated blindly.</li>
 * <li>Subscribe messages go one per resident and consent, each its own WeChat call (batch id per message): a refused one
 * ends FAILED and the resident's SMS standing by goes instead (the preference order's fallback).</li>
 * <li>In the quiet hours no SMS and no subscribe message goes: due rows wait for the morning.</li>
 * <li>A broadcast with no row left to send is SENT.</li>
 * </ol>
 */
@Singleton
public class BroadcastSender {

    private static final Logger LOG = Logger.getLogger(BroadcastSender.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** The OutId of a SendSms call: receipts name it, QuerySendDetails finds it. */
    static final String OUT_ID_PREFIX = "bc-";
    private static final int LIMIT_CHECKS_AT_ONCE = 16;
    /** WeChat calls at once, within the mini-program's worker pool. */
    private static final int SUBSCRIBE_SENDS_AT_ONCE = 8;
    /** A subscribe row still SENDING after this long lost its call (WxJava's own timeouts are far shorter). */
    private static final Duration SUBSCRIBE_STALE = Duration.ofMinutes(5);

    private final Pool pool;
    private final BroadcastDeliveries deliveries;
    private final BroadcastLifecycle lifecycle;
    private final AliyunSms aliyun;
    private final PolicyMessages policyMessages;
    private final SmsLimits limits;
    private final SmsRate rate;
    private final PhoneVault vault;
    private final Clock clock;
    private final QuietHours quietHours;
    private final int batchSize;
    private final int batchesPerRound;
    private final Duration throttledWait;

    public BroadcastSender(Pool pool, BroadcastDeliveries deliveries, BroadcastLifecycle lifecycle, AliyunSms aliyun, SmsLimits limits,
            SmsRate rate, PhoneVault vault, Clock clock, PolicyMessages policyMessages,
            @ConfigProperty(name = "lianxin.broadcast.quiet-hours") Optional<String> quietHours,
            @ConfigProperty(name = "lianxin.broadcast.sms-batch-size") int batchSize,
            @ConfigProperty(name = "lianxin.broadcast.batches-per-round") int batchesPerRound,
            @ConfigProperty(name = "lianxin.broadcast.throttled-wait") Duration throttledWait) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.lifecycle = lifecycle;
        this.aliyun = aliyun;
        this.policyMessages = policyMessages;
        this.limits = limits;
        this.rate = rate;
        this.vault = vault;
        this.clock = clock;
        this.quietHours = QuietHours.parse(quietWindow(quietHours));
        this.batchSize = Math.min(batchSize, AliyunSmsSender.MAX_NUMBERS);
        this.batchesPerRound = batchesPerRound;
        this.throttledWait = throttledWait;
    }

    /** LIANXIN_BROADCAST_QUIET_HOURS set to empty means none, which configuration alone cannot tell from "not set". */
    private static String quietWindow(Optional<String> configured) {
        String env = System.getenv("LIANXIN_BROADCAST_QUIET_HOURS");
        return env != null ? env : configured.orElse("");
    }

    @Scheduled(every = "${lianxin.broadcast.send-interval}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return runOnce().replaceWithVoid();
    }

    /**
     * One round: starts the due broadcasts, settles stale calls, sends up to {@code lianxin.broadcast.batches-per-round}
     * SMS batches for each broadcast going out,
     * and finishes those with nothing left. Tests drive it; a test that stops calling it has stopped the worker.
     *
     * @return how many SMS and subscribe messages this round handed to Aliyun and WeChat
     */
    public Uni<Integer> runOnce() {
        return startDue().chain(this::settleStale).chain(this::settleStaleSubscribes).chain(() -> ids("state = 'SENDING'"))
                .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> sendSubscribes(id)
                        .chain(messages -> batches(id, batchesPerRound, messages)).call(sent -> finishIfDone(id))).collect().asList())
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<List<UUID>> ids(String where) {
        return pool.preparedQuery("SELECT id FROM broadcast WHERE " + where + " AND scheduled_at <= $1 ORDER BY scheduled_at")
                .execute(Tuple.of(now())).map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> r.getUUID(0)).toList());
    }

    private Uni<Void> startDue() {
        return ids("state = 'SCHEDULED'").chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id ->
                Panache.withSession(() -> Broadcast.<Broadcast>findById(id)).chain(deliveries::draw)
                        .chain(drawn -> lifecycle.execute(id, BroadcastCommand.START_SENDING, Actor.SENDER))
                        // Another instance started it first.
                        .onFailure(ApiException.class).recoverWithNull()).collect().asList()).replaceWithVoid();
    }

    private Uni<Void> finishIfDone(UUID id) {
        return pool.preparedQuery("SELECT count(*) FROM broadcast_delivery WHERE broadcast_id = $1 AND status IN ('PENDING', 'SENDING')")
                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong(0))
                .chain(left -> left > 0 ? Uni.createFrom().voidItem()
                        : lifecycle.execute(id, BroadcastCommand.FINISH, Actor.SENDER).onFailure(ApiException.class).recoverWithNull().replaceWithVoid());
    }

    /** A claimed SMS row: the delivery, and the resident's number and opt-out as they are at this moment. */
    private record Claimed(long id, byte[] phoneCipher, boolean optedOut) {
        static Claimed of(Row row) {
            return new Claimed(row.getLong(0), row.getBuffer(1).getBytes(), row.getBoolean(2));
        }
    }

    /** A batch ready for its SendSms call. */
    record Batch(UUID id, List<PhoneNumber> to, Map<String, String> params) {
    }

    /** Up to {@code left} batches of the broadcast, one after the other, while numbers are due; how many numbers went. */
    private Uni<Integer> batches(UUID broadcastId, int left, int sent) {
        if (left == 0) {
            return Uni.createFrom().item(sent);
        }
        return sendBatch(broadcastId).chain(n -> n == 0 ? Uni.createFrom().item(sent) : batches(broadcastId, left - 1, sent + n));
    }

    /** @return how many numbers were handed to Aliyun */
    Uni<Integer> sendBatch(UUID broadcastId) {
        Instant now = clock.instant();
        Optional<Instant> morning = quietHours.holdUntil(now);
        if (morning.isPresent()) {
            return hold(broadcastId, morning.get()).replaceWith(0);
        }
        return claim(broadcastId).chain(batch -> batch == null ? Uni.createFrom().item(0) : call(batch).replaceWith(batch.to().size()));
    }

    /** Quiet hours: the due SMS and subscribe messages of the broadcast wait for the morning; nothing is sent, nothing dropped. */
    private Uni<Void> hold(UUID broadcastId, Instant until) {
        return pool.preparedQuery("""
                UPDATE broadcast_delivery SET next_attempt_at = $2, detail = 'quiet hours: waits until ' || $3, updated_at = $4
                WHERE broadcast_id = $1 AND channel IN ('SMS', 'SUBSCRIBE') AND status = 'PENDING' AND next_attempt_at < $2""")
                .execute(Tuple.of(broadcastId, until.atOffset(ZoneOffset.UTC), until.atZone(BEIJING).toLocalDateTime().toString(), now()))
                .replaceWithVoid();
    }

    /** A claimed subscribe row: its own call, under its own batch id, to the resident's openid. */
    private record Subscriber(UUID batchId, UUID residentId, String openid) {
        static Subscriber of(Row row) {
            return new Subscriber(row.getUUID(0), row.getUUID(1), row.getString(2));
        }
    }

    /**
     * Up to a batch of the broadcast's due subscribe messages: claimed (SKIP LOCKED) and marked SENDING under a batch
     * id each, then sent outside any transaction, {@value #SUBSCRIBE_SENDS_AT_ONCE} at a time; each answer moves its row
     * to SENT with the msgid, or to FAILED with the resident's SMS standing by due instead. In the quiet hours the
     * rows wait for the morning, like the SMS.
     *
     * @return how many messages were handed to WeChat
     */
    Uni<Integer> sendSubscribes(UUID broadcastId) {
        Optional<Instant> morning = quietHours.holdUntil(clock.instant());
        if (morning.isPresent()) {
            return hold(broadcastId, morning.get()).replaceWith(0);
        }
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE broadcast_delivery d SET status = 'SENDING', batch_id = gen_random_uuid(), sending_at = $2,
                            attempts = d.attempts + 1, detail = NULL, updated_at = $2
                        FROM resident r WHERE r.id = d.resident_id AND d.id IN (
                            SELECT id FROM broadcast_delivery
                            WHERE broadcast_id = $1 AND channel = 'SUBSCRIBE' AND status = 'PENDING' AND next_attempt_at <= $2
                            ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
                        RETURNING d.batch_id, d.resident_id, r.openid""")
                        .execute(Tuple.of(broadcastId, now(), batchSize))
                        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Subscriber::of).toList()))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0) : policy(broadcastId)
                        .chain(policy -> Multi.createFrom().iterable(claimed).onItem().transformToUni(s -> subscribe(s, policy))
                                .merge(SUBSCRIBE_SENDS_AT_ONCE).collect().asList()).replaceWith(claimed.size()));
    }

    private Uni<PolicyMessages.Policy> policy(UUID broadcastId) {
        return pool.preparedQuery("SELECT title, summary, sending_at FROM broadcast WHERE id = $1").execute(Tuple.of(broadcastId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new PolicyMessages.Policy(broadcastId, row.getString(0), row.getString(1), row.getOffsetDateTime(2));
                });
    }

    private Uni<Void> subscribe(Subscriber s, PolicyMessages.Policy policy) {
        if (!policyMessages.live()) {
            // Sandbox: recorded as WeChat would report it, so that a local town shows a whole funnel.
            return pool.withTransaction(tx -> deliveries.advanceBatch(tx, s.batchId(), DeliveryStatus.DELIVERED, "sandbox-" + s.batchId(),
                    "sandbox: not sent")).replaceWithVoid();
        }
        Uni<PolicyMessages.Outcome> sent = s.openid() == null
                ? Uni.createFrom().item(new PolicyMessages.Outcome(null, "no mini-program identity any more"))
                : policyMessages.send(s.residentId(), s.openid(), policy);
        return sent.chain(outcome -> pool.withTransaction(tx -> outcome.sent()
                ? deliveries.advanceBatch(tx, s.batchId(), DeliveryStatus.SENT, outcome.msgid(), null).replaceWithVoid()
                : failed(tx, "batch_id = $1", s.batchId(), outcome.refusal())));
    }

    /** A subscribe message that will not arrive: FAILED, and the resident's SMS standing by goes instead. */
    private Uni<Void> failed(SqlClient tx, String where, Object key, String why) {
        return tx.preparedQuery("SELECT id FROM broadcast_delivery WHERE channel = 'SUBSCRIBE' AND " + where).execute(Tuple.of(key))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem()
                        .transformToUniAndConcatenate(row -> deliveries.advanceRow(tx, row.getLong(0), DeliveryStatus.FAILED, why))
                        .collect().asList())
                .chain(() -> deliveries.fallBackToSms(tx, where, key)).replaceWithVoid();
    }

    /**
     * A subscribe message whose call never answered (the instance stopped mid-call): WeChat has no lookup to settle it
     * by, and sending again could repeat it, so it counts as failed and the SMS standing by goes; should WeChat's sent
     * event still come, it moves the row forward to DELIVERED.
     */
    private Uni<Void> settleStaleSubscribes() {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        SELECT id FROM broadcast_delivery WHERE status = 'SENDING' AND channel = 'SUBSCRIBE' AND sending_at < $1
                        ORDER BY sending_at LIMIT $2""").execute(Tuple.of(now().minus(SUBSCRIBE_STALE), batchSize))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem()
                        .transformToUniAndConcatenate(row -> failed(tx, "id = $1", row.getLong(0), "outcome unknown: the call was lost"))
                        .collect().asList()).replaceWithVoid());
    }

    /**
     * Claims up to a batch of due SMS rows in one transaction: an opted-out resident's row ends OPTED_OUT right here,
     * a number over our per-number limit waits for its window, the rest are marked SENDING under a new batch id.
     * @return the batch to call, or null when nothing is due
     */
    Uni<Batch> claim(UUID broadcastId) {
        UUID batchId = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        SELECT d.id, r.phone_cipher, r.sms_opted_out FROM broadcast_delivery d JOIN resident r ON r.id = d.resident_id
                        WHERE d.broadcast_id = $1 AND d.channel = 'SMS' AND d.status = 'PENDING' AND d.next_attempt_at <= $2
                        ORDER BY d.next_attempt_at, d.id LIMIT $3 FOR UPDATE OF d SKIP LOCKED""")
                .execute(Tuple.of(broadcastId, now(), batchSize))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Claimed::of).toList())
                .chain(claimed -> {
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    List<Long> optedOut = claimed.stream().filter(Claimed::optedOut).map(Claimed::id).toList();
                    List<Claimed> reachable = claimed.stream().filter(c -> !c.optedOut()).toList();
                    return mark(tx, optedOut, "OPTED_OUT", "opted out of broadcasts (R/T/TD/退订)")
                            .chain(() -> withinLimits(tx, reachable))
                            .chain(go -> go.isEmpty() ? Uni.createFrom().nullItem() : tx.preparedQuery("""
                                            UPDATE broadcast_delivery SET status = 'SENDING', batch_id = $2, sending_at = $3, attempts = attempts + 1,
                                                detail = NULL, updated_at = $3
                                            WHERE id = ANY($1)""")
                                    .execute(Tuple.of(go.stream().map(Claimed::id).toArray(Long[]::new), batchId, now()))
                                    .chain(() -> params(tx, broadcastId))
                                    .map(params -> new Batch(batchId, go.stream().map(c -> vault.open(c.phoneCipher())).toList(), params)));
                }));
    }

    /**
     * Takes every number's per-number limit, {@value #LIMIT_CHECKS_AT_ONCE} Redis calls at a time (a whole batch at
     * once would overrun the Redis client's pool); a held number's row waits until its window reopens.
     */
    private Uni<List<Claimed>> withinLimits(SqlClient tx, List<Claimed> rows) {
        return Multi.createFrom().range(0, rows.size()).onItem()
                .transformToUni(i -> limits.take(vault.open(rows.get(i).phoneCipher()), SmsTemplate.BROADCAST).map(until -> Map.entry(i, until)))
                .merge(LIMIT_CHECKS_AT_ONCE).collect().asList()
                .map(answers -> {
                    List<Optional<OffsetDateTime>> untils = new ArrayList<>(java.util.Collections.nCopies(rows.size(), Optional.<OffsetDateTime>empty()));
                    answers.forEach(a -> untils.set(a.getKey(), a.getValue()));
                    return untils;
                }).chain(untils -> {
                    List<Claimed> go = new ArrayList<>();
                    List<Tuple> held = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        if (untils.get(i).isEmpty()) {
                            go.add(rows.get(i));
                        } else {
                            OffsetDateTime until = untils.get(i).get();
                            held.add(Tuple.of(rows.get(i).id(), until, "per-number limit: waits until " + until, now()));
                        }
                    }
                    return held.isEmpty() ? Uni.createFrom().item(go)
                            : tx.preparedQuery("UPDATE broadcast_delivery SET next_attempt_at = $2, detail = $3, updated_at = $4 WHERE id = $1")
                                    .executeBatch(held).replaceWith(go);
                });
    }

    private Uni<Map<String, String>> params(SqlClient tx, UUID broadcastId) {
        return tx.preparedQuery("SELECT t.name, b.title FROM broadcast b JOIN town t ON t.id = b.town_id WHERE b.id = $1")
                .execute(Tuple.of(broadcastId)).map(rows -> {
                    Row row = rows.iterator().next();
                    return BroadcastTexts.smsParams(row.getString(0), row.getString(1));
                });
    }

    private Uni<Void> mark(SqlClient tx, List<Long> ids, String status, String detail) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("UPDATE broadcast_delivery SET status = $2, detail = $3, updated_at = $4 WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new), status, detail, now())).replaceWithVoid();
    }

    /** The SendSms call, outside any transaction, then its answer on the rows in their own. */
    private Uni<Void> call(Batch batch) {
        if (!aliyun.live()) {
            // Sandbox: recorded as an operator would report it, so that a local town shows a whole funnel.
            return pool.withTransaction(tx -> deliveries.advanceBatch(tx, batch.id(), DeliveryStatus.DELIVERED, "sandbox-" + batch.id(),
                    "sandbox: not sent")).replaceWithVoid();
        }
        return rate.take().chain(() -> aliyun.send(batch.to(), SmsTemplate.BROADCAST, batch.params(), OUT_ID_PREFIX + batch.id()))
                .chain(result -> pool.withTransaction(tx -> answer(tx, batch, result)));
    }

    private Uni<Void> answer(SqlClient tx, Batch batch, SendResult result) {
        if (result instanceof SendResult.Sent sent) {
            return deliveries.advanceBatch(tx, batch.id(), DeliveryStatus.SENT, sent.bizId(), null).replaceWithVoid();
        }
        if (result instanceof SendResult.Rejected rejected && rejected.permanent()) {
            return deliveries.advanceBatch(tx, batch.id(), DeliveryStatus.FAILED, null, rejected.code() + ": " + rejected.message())
                    .replaceWithVoid();
        }
        if (result instanceof SendResult.Rejected rejected) {
            // Aliyun refused the call (throttled, busy): nothing was sent, so the rows are due again after a wait.
            return due(tx, "batch_id = $1", batch.id(), now().plus(throttledWait), rejected.code() + ": waits and is sent again");
        }
        LOG.warnf("Broadcast SMS batch %s (%d numbers): outcome unknown, settled by QuerySendDetails before any resend: %s",
                batch.id(), batch.to().size(), ((SendResult.Unknown) result).reason());
        return tx.preparedQuery("UPDATE broadcast_delivery SET detail = $2 WHERE batch_id = $1 AND status = 'SENDING'")
                .execute(Tuple.of(batch.id(), "outcome unknown: " + ((SendResult.Unknown) result).reason())).replaceWithVoid();
    }

    /** Rows that were never sent go back to the queue: the one way back, and only while they are still SENDING. */
    private Uni<Void> due(SqlClient tx, String where, Object key, OffsetDateTime at, String detail) {
        return tx.preparedQuery("UPDATE broadcast_delivery SET status = 'PENDING', batch_id = NULL, sending_at = NULL, next_attempt_at = $2,"
                        + " detail = $3, updated_at = $4 WHERE status = 'SENDING' AND " + where)
                .execute(Tuple.of(key, at, detail, now())).replaceWithVoid();
    }

    /** A row still SENDING after this long has lost its call: its instance stopped, or the answer never came. */
    private Duration stale() {
        return aliyun.live() ? aliyun.longestCall().multipliedBy(2) : Duration.ofMinutes(1);
    }

    /** Settles rows whose SendSms answer never reached us, one QuerySendDetails per number, before anything is resent. */
    private Uni<Void> settleStale() {
        return pool.preparedQuery("""
                        SELECT d.id, d.batch_id, d.sending_at, r.phone_cipher FROM broadcast_delivery d JOIN resident r ON r.id = d.resident_id
                        WHERE d.status = 'SENDING' AND d.channel = 'SMS' AND d.sending_at < $1 ORDER BY d.sending_at LIMIT $2""")
                .execute(Tuple.of(now().minus(stale()), batchSize))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(this::settle).collect().asList())
                .replaceWithVoid();
    }

    private Uni<Void> settle(Row row) {
        long id = row.getLong("id");
        if (!aliyun.live()) {
            return pool.withTransaction(tx -> due(tx, "id = $1", id, now(), "sandbox: the call was lost, sent again"));
        }
        PhoneNumber to = vault.open(row.getBuffer("phone_cipher").getBytes());
        OffsetDateTime at = row.getOffsetDateTime("sending_at");
        return aliyun.find(to, at.atZoneSameInstant(BEIJING).toLocalDate(), OUT_ID_PREFIX + row.getUUID("batch_id"))
                .chain(detail -> pool.withTransaction(tx -> {
                    if (detail instanceof SentDetail.NotFound) {
                        return due(tx, "id = $1", id, now(), "Aliyun has no record of the call: sent again");
                    }
                    if (detail instanceof SentDetail.Found found) {
                        DeliveryStatus status = switch (found.delivery()) {
                            case DELIVERED -> DeliveryStatus.DELIVERED;
                            case FAILED -> DeliveryStatus.FAILED;
                            case WAITING -> DeliveryStatus.SENT;
                        };
                        return deliveries.advanceRow(tx, id, status, "settled by QuerySendDetails").replaceWithVoid();
                    }
                    return Uni.createFrom().voidItem();
                }));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
