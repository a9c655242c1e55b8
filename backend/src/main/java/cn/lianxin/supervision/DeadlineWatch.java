package cn.lianxin.supervision;

import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.DeadlineApproaching;
import cn.lianxin.cases.domain.DeadlineKind;
import cn.lianxin.cases.domain.DeadlineMissed;
import cn.lianxin.events.Outbox;
import cn.lianxin.work.WorkQueue;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches the clocks of open cases. Shortly before a deadline the representative is reminded; once it has
 * passed, the case is supervised (督办): the group leader and the town office are told, and the case's record
 * says so. Each notice is given once per deadline: one instance at a time (an advisory lock) claims the notices
 * now due as rows of {@code case_deadline_notice}, whose key makes a restart or a second instance never claim one
 * twice; each claimed notice is then announced as an item of a work queue — in its own transaction, tried again,
 * parked after its last attempt — so that one case whose notice cannot be given holds up no other.
 */
@Singleton
public class DeadlineWatch extends WorkQueue<DeadlineWatch.Notice> {

    private static final Logger LOG = Logger.getLogger(DeadlineWatch.class);
    /** Arbitrary but fixed, and different from the outbox relay's. */
    private static final long WATCH_LOCK = 0x4c69616e78696e02L;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("M月d日 HH:mm");
    private static final Stored STORED = new Stored("deadline-notice", "case_deadline_notice", "case_id, kind, notice, due_at");

    /** A notice claimed: which case, which clock, reminder or supervision, and when it falls due. */
    record Notice(UUID caseId, DeadlineKind kind, boolean supervision, OffsetDateTime dueAt) {
    }

    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId townZone;
    private final Duration remindBefore;
    private final int batchSize;

    public DeadlineWatch(Worker worker, Outbox outbox, Clock clock, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone,
            @ConfigProperty(name = "lianxin.deadline-watch.remind-before") Duration remindBefore,
            @ConfigProperty(name = "lianxin.deadline-watch.batch-size") int batchSize) {
        super(worker, STORED, batchSize);
        this.outbox = outbox;
        this.clock = clock;
        this.townZone = townZone;
        this.remindBefore = remindBefore;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${lianxin.deadline-watch.interval}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watch() {
        return runOnce().replaceWithVoid();
    }

    /** One round: claims the notices now due, then announces up to a batch; @return how many were announced or failed an attempt */
    @Override
    public Uni<Integer> runOnce() {
        return claimDue().onFailure().invoke(e -> LOG.warnf("Claiming due deadline notices failed, it will run again: %s", e.getMessage()))
                .onFailure().recoverWithNull().chain(super::runOnce);
    }

    /**
     * Claims the notices now due, as the one instance holding the watch's lock: a reminder when an open clock (V20's
     * {@code case_open_clock}) runs out within the reminder window, a supervision once it has run out. Notices
     * already given are left out before the limit, so that cases long overdue never crowd out the newly due; the
     * insert's key makes each notice happen once.
     */
    private Uni<Void> claimDue() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT pg_try_advisory_xact_lock(:lock)", Boolean.class)
                        .setParameter("lock", WATCH_LOCK).getSingleResult()
                        .chain(leader -> {
                            if (!leader) {
                                return Uni.createFrom().voidItem();
                            }
                            OffsetDateTime now = OffsetDateTime.now(clock);
                            return s.createNativeQuery("""
                                    WITH due AS (
                                        SELECT o.case_id, o.kind, o.due_at,
                                               CASE WHEN o.due_at <= :now THEN 'SUPERVISION' ELSE 'REMINDER' END AS notice
                                        FROM cases c JOIN case_open_clock o ON o.case_id = c.id
                                        WHERE c.state <> 'ARCHIVED'
                                          AND next_open_deadline(c.state, c.replied_at, c.sign_for_due_at, c.reply_due_at, c.resolve_due_at)
                                              <= :horizon
                                          AND o.due_at <= :horizon
                                    )
                                    INSERT INTO case_deadline_notice (case_id, kind, notice, due_at, sent_at)
                                    SELECT d.case_id, d.kind, d.notice, d.due_at, :now FROM due d
                                    WHERE NOT EXISTS (SELECT 1 FROM case_deadline_notice n
                                                      WHERE n.case_id = d.case_id AND n.kind = d.kind AND n.notice = d.notice
                                                        AND n.due_at = d.due_at)
                                    ORDER BY d.due_at LIMIT :limit
                                    ON CONFLICT DO NOTHING""")
                                    .setParameter("now", now).setParameter("horizon", now.plus(remindBefore)).setParameter("limit", batchSize)
                                    .executeUpdate().replaceWithVoid();
                        })));
    }

    @Override
    protected Notice item(long id, Object[] row) {
        return new Notice((UUID) row[0], DeadlineKind.valueOf((String) row[1]), "SUPERVISION".equals(row[2]), toOffset(row[3]));
    }

    @Override
    protected Uni<Void> handle(Notice n) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Case.<Case>findById(n.caseId()).chain(c -> n.supervision() ? supervise(c, n, now)
                : outbox.append(new DeadlineApproaching(c.id, c.number, n.kind(), n.dueAt(), c.workstationId, c.representativeId))
                        .replaceWithVoid());
    }

    private Uni<Void> supervise(Case c, Notice n, OffsetDateTime now) {
        if (c.supervisedAt == null) {
            c.supervisedAt = now;
        }
        CaseActivity line = new CaseActivity();
        line.caseId = c.id;
        line.at = now;
        line.actor = "system";
        line.action = "SUPERVISE";
        line.channel = Channel.CONSOLE;
        line.fromState = c.state;
        line.toState = c.state;
        line.detail = "督办：" + n.kind().label() + "期限 " + DUE.format(n.dueAt().atZoneSameInstant(townZone))
                + " 已过，转组长和镇党委督办";
        return line.persist()
                .chain(() -> outbox.append(new DeadlineMissed(c.id, c.number, n.kind(), n.dueAt(), c.workstationId, c.representativeId)))
                .replaceWithVoid();
    }

    private static OffsetDateTime toOffset(Object value) {
        // Native queries hand timestamptz back as OffsetDateTime or Instant depending on the driver path.
        return value instanceof OffsetDateTime odt ? odt : ((java.time.Instant) value).atOffset(ZoneOffset.UTC);
    }
}
