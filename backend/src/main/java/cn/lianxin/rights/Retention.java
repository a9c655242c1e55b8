package cn.lianxin.rights;

import cn.lianxin.attachments.Uploads;
import cn.lianxin.work.Rounds;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Nothing is kept forever by accident: each kind of record has a period ({@code lianxin.retention.*}, reasons in
 * docs/DECISIONS.md), after which this worker deletes or blanks it, a batch of each kind per round. Processed
 * inbound provider messages (SMS pushes and receipts, WeCom callbacks) are deleted; the bodies of messages sent
 * are blanked (their delivery stays, for the figures); the read audit's old lines are deleted (the only delete its
 * trigger lets through); the photos of cases archived long enough are deleted, files too; and an archived case
 * past the archive period keeps its place in the figures but loses its text, reply and comment. One instance
 * runs a round at a time (an advisory lock), in one transaction; files go after it commits.
 */
@ApplicationScoped
public class Retention {

    /** The round's counts, per kind. */
    public record Round(int inbound, int messageBodies, int auditLines, int photos, int archivedCases) {
        /** The most any kind had to go this round: a full batch means more may be waiting. */
        int largest() {
            return Math.max(Math.max(Math.max(inbound, messageBodies), Math.max(auditLines, photos)), archivedCases);
        }

    }

    static final String EXPIRED = "[已过保存期]";
    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final long LOCK = 0x5245_5445_4e54L;
    // $1 the cut-off, $2 the batch size.
    private static final String INBOUND = """
            WITH gone AS (
              DELETE FROM sms_uplink WHERE id IN (SELECT id FROM sms_uplink WHERE processed_at IS NOT NULL AND received_at < $1 LIMIT $2)
              RETURNING 1
            ), receipts AS (
              DELETE FROM sms_receipt WHERE id IN (SELECT id FROM sms_receipt WHERE processed_at IS NOT NULL AND received_at < $1 LIMIT $2)
              RETURNING 1
            ), callbacks AS (
              DELETE FROM wecom_inbound WHERE id IN (SELECT id FROM wecom_inbound WHERE processed_at IS NOT NULL AND received_at < $1 LIMIT $2)
              RETURNING 1
            ), pushes AS (
              DELETE FROM mp_inbound WHERE id IN (SELECT id FROM mp_inbound WHERE processed_at IS NOT NULL AND received_at < $1 LIMIT $2)
              RETURNING 1
            )
            SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM receipts) + (SELECT count(*) FROM callbacks)
                 + (SELECT count(*) FROM pushes)""";
    private static final String MESSAGE_BODIES = """
            UPDATE outbound_message SET body = '%1$s', params = NULL
            WHERE id IN (SELECT id FROM outbound_message WHERE created_at < $1 AND status <> 'PENDING' AND body <> '%1$s' LIMIT $2)"""
            .formatted(EXPIRED);
    private static final String AUDIT_CUT_OFF = "SELECT set_config('lianxin.audit_purge_before', $1::text, true)";
    private static final String AUDIT = "DELETE FROM read_audit WHERE id IN (SELECT id FROM read_audit WHERE at < $1 ORDER BY at LIMIT $2)";
    private static final String PHOTOS = """
            DELETE FROM upload WHERE id IN (SELECT u.id FROM upload u JOIN cases c ON c.id = u.case_id
                                           WHERE u.resident_id IS NOT NULL AND c.archived_at < $1 LIMIT $2)
            RETURNING path""";
    private static final String ARCHIVED_CASES = """
            UPDATE cases SET text = '%1$s', reply_text = NULL, feedback_comment = NULL
            WHERE id IN (SELECT id FROM cases WHERE archived_at < $1 AND text <> '%1$s' LIMIT $2)""".formatted(EXPIRED);

    private final Pool pool;
    private final Uploads uploads;
    private final Clock clock;
    private final Duration inbound;
    private final Duration messageBodies;
    private final Duration auditLog;
    private final Duration photos;
    private final Duration archivedCases;
    private final int batchSize;

    public Retention(Pool pool, Uploads uploads, Clock clock,
            @ConfigProperty(name = "lianxin.retention.inbound-raw") Duration inbound,
            @ConfigProperty(name = "lianxin.retention.message-bodies") Duration messageBodies,
            @ConfigProperty(name = "lianxin.retention.audit-log") Duration auditLog,
            @ConfigProperty(name = "lianxin.retention.photos") Duration photos,
            @ConfigProperty(name = "lianxin.retention.archived-cases") Duration archivedCases,
            @ConfigProperty(name = "lianxin.retention.batch-size") int batchSize) {
        this.pool = pool;
        this.uploads = uploads;
        this.clock = clock;
        this.inbound = inbound;
        this.messageBodies = messageBodies;
        this.auditLog = auditLog;
        this.photos = photos;
        this.archivedCases = archivedCases;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${lianxin.retention.interval}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return drain().onFailure().invoke(e -> LOG.warnf("Retention round failed, it runs again: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Rounds until none comes back with a full batch of any kind: a year of read-audit lines is far more than one
     * batch, and an hourly single batch would never catch up.
     */
    public Uni<Void> drain() {
        return Rounds.drain(() -> runOnce().map(round -> round == null ? 0 : round.largest()), batchSize);
    }

    /** One round; null when another instance holds the round. */
    public Uni<Round> runOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<String> files = new ArrayList<>();
        return pool.withTransaction(c -> c.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK))
                .chain(rows -> !rows.iterator().next().getBoolean(0) ? Uni.createFrom().<Round>nullItem()
                        : count(c, INBOUND, now.minus(inbound), true).chain(in ->
                          count(c, MESSAGE_BODIES, now.minus(messageBodies), false).chain(bodies ->
                          c.preparedQuery(AUDIT_CUT_OFF).execute(Tuple.of(now.minus(auditLog).toString()))
                                  .chain(() -> count(c, AUDIT, now.minus(auditLog), false)).chain(audit ->
                          c.preparedQuery(PHOTOS).execute(Tuple.of(now.minus(photos), batchSize)).chain(deleted -> {
                              deleted.forEach(row -> files.add(row.getString("path")));
                              return count(c, ARCHIVED_CASES, now.minus(archivedCases), false)
                                      .map(cases -> new Round(in, bodies, audit, files.size(), cases));
                          }))))))
                .call(round -> files.isEmpty() ? Uni.createFrom().voidItem() : uploads.deleteFiles(files))
                .invoke(round -> {
                    if (round != null && (round.inbound() + round.messageBodies() + round.auditLines() + round.photos() + round.archivedCases()) > 0) {
                        LOG.infof("Retention: %s", round);
                    }
                });
    }

    private Uni<Integer> count(SqlConnection c, String sql, OffsetDateTime cutOff, boolean selects) {
        return c.preparedQuery(sql).execute(Tuple.of(cutOff, batchSize))
                .map(rows -> selects ? rows.iterator().next().getLong(0).intValue() : rows.rowCount());
    }
}
