package cn.lianxin.bookings;

import cn.lianxin.bookings.domain.BookingCommand;
import cn.lianxin.bookings.domain.BookingTransitions;
import cn.lianxin.notifications.BookingMessages.Kind;
import cn.lianxin.work.Rounds;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Reminds both sides of a booked call a day ({@code lianxin.bookings.remind-day-before}) and half an hour
 * ({@code remind-shortly-before}) before its slot, once each. A round claims one due reminder at a time — a booked
 * call still ahead (a cancelled or moved one is no longer booked) whose reminder has not been given, made before
 * that reminder fell due (a call booked for this afternoon gets no "a day before") — with its booking's row locked
 * (SKIP LOCKED, so that instances share the work); {@link BookingNotices} then claims the notice's key in the same
 * transaction as its messages. When it falls due within the last reminder's window, only the last is given.
 */
@ApplicationScoped
public class Reminders implements Worker.Items<Reminders.Due> {

    static final int BATCH = 20;

    /** A reminder due: the booking, which one, and the failed attempts it has had. */
    record Due(UUID bookingId, Kind kind, int attempts) {
    }

    private final Worker worker;
    private final BookingNotices notices;
    private final BookingSettings settings;
    private final Clock clock;

    public Reminders(Worker worker, BookingNotices notices, BookingSettings settings, Clock clock) {
        this.worker = worker;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(every = "${lianxin.bookings.reminders-interval}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watch() {
        return Rounds.drain(this::runOnce, BATCH);
    }

    /** Up to a batch of the reminders now due; @return how many were given or had a failed attempt recorded */
    public Uni<Integer> runOnce() {
        return worker.runOnce(this, BATCH);
    }

    @Override
    public String name() {
        return "booking-reminders";
    }

    @Override
    public Uni<Due> claim(OffsetDateTime round) {
        OffsetDateTime now = now();
        return Sql.rows("""
                SELECT b.id, k.kind, coalesce(n.attempts, 0)
                FROM booking b
                CROSS JOIN LATERAL (SELECT CASE WHEN b.starts_at <= CAST(?3 AS timestamptz) THEN 'SHORTLY_BEFORE' ELSE 'DAY_BEFORE' END AS kind,
                                           CASE WHEN b.starts_at <= CAST(?3 AS timestamptz) THEN CAST(?5 AS bigint) ELSE CAST(?4 AS bigint) END AS lead_seconds) k
                LEFT JOIN booking_notice n ON n.booking_id = b.id AND n.kind = k.kind
                WHERE b.state IN ('CONFIRMED', 'REMINDED') AND b.starts_at > CAST(?1 AS timestamptz) AND b.starts_at <= CAST(?2 AS timestamptz)
                  AND b.created_at < b.starts_at - k.lead_seconds * interval '1 second'
                  AND (n.booking_id IS NULL OR (n.sent_at IS NULL AND NOT n.parked AND n.next_attempt_at <= CAST(?6 AS timestamptz)))
                ORDER BY b.starts_at LIMIT 1 FOR UPDATE OF b SKIP LOCKED""",
                now, now.plus(settings.remindDayBefore()), now.plus(settings.remindShortlyBefore()),
                settings.remindDayBefore().toSeconds(), settings.remindShortlyBefore().toSeconds(), round)
                .map(rows -> rows.isEmpty() ? null
                        : new Due((UUID) rows.get(0)[0], Kind.valueOf((String) rows.get(0)[1]), ((Number) rows.get(0)[2]).intValue()));
    }

    @Override
    public Object id(Due due) {
        return due.bookingId() + " " + due.kind();
    }

    @Override
    public int attempts(Due due) {
        return due.attempts();
    }

    /** The booking is reminded (REMINDED), and both sides are told. */
    @Override
    public Uni<Void> handle(Due due) {
        return Booking.<Booking>findById(due.bookingId(), LockModeType.PESSIMISTIC_WRITE).chain(b -> {
            b.state = BookingTransitions.target(b.state, BookingCommand.REMIND);
            b.updatedAt = now();
            return notices.give(b, due.kind());
        }).replaceWithVoid();
    }

    /** The reminder waits for its next attempt, and after its last is parked: it is no longer due. */
    @Override
    public Uni<Void> failed(Due due, Worker.Attempt attempt) {
        return Panache.withTransaction(() -> Sql.execute("""
                INSERT INTO booking_notice (booking_id, kind, attempts, next_attempt_at, last_error, parked) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (booking_id, kind) DO UPDATE SET attempts = EXCLUDED.attempts, next_attempt_at = EXCLUDED.next_attempt_at,
                    last_error = EXCLUDED.last_error, parked = EXCLUDED.parked""",
                due.bookingId(), due.kind().name(), attempt.number(), attempt.due(), attempt.reason(), attempt.last())).replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
