package cn.lianxin.bookings;

import cn.lianxin.bookings.domain.BookingCommand;
import cn.lianxin.bookings.domain.BookingTransitions;
import cn.lianxin.bookings.domain.BookingState;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.domain.VideoCallMissed;
import cn.lianxin.events.Outbox;
import cn.lianxin.notifications.BookingMessages;
import cn.lianxin.cases.domain.Channel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The calls behind bookings. Opens a meeting for each booked call ({@link VideoCalls}), and once a slot is over reads
 * the meeting's attendance: who joined, and for how long, decides the booking — held (COMPLETE), or missed by the
 * resident or by the representative — and goes on its case's record. The provider is called between transactions,
 * never inside one: a claim (with SKIP LOCKED, so that instances share the work) commits first, the answer is
 * written in a transaction of its own; a failed opening is tried again later and parked after its last attempt.
 */
@ApplicationScoped
public class Meetings {

    static final String PENDING = "PENDING";
    static final String OPEN = "OPEN";
    static final String PARKED = "PARKED";
    static final int MAX_ATTEMPTS = 5;
    static final int BATCH = 20;
    /** How long a claimed opening is left to the instance that claimed it before another may try. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static final Logger LOG = Logger.getLogger(Meetings.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private record Claimed(UUID id, String topic, OffsetDateTime startsAt, OffsetDateTime endsAt, String host, String meetingId) {
    }

    private final VideoCalls calls;
    private final BookingSettings settings;
    private final Clock clock;

    private final Outbox outbox;
    private final BookingNotices notices;
    private final ZoneId zone;

    public Meetings(VideoCalls calls, BookingSettings settings, Clock clock, Outbox outbox, BookingNotices notices,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone) {
        this.calls = calls;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
        this.outbox = outbox;
        this.zone = zone;
    }

    @Scheduled(every = "${lianxin.bookings.meetings-interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watch() {
        return runOnce().onFailure().invoke(e -> LOG.warnf("Booking meetings round failed, it will run again: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: opens the meetings now due, then reads the attendance of the calls now over; @return how many bookings it touched */
    public Uni<Integer> runOnce() {
        return open().chain(opened -> attend().map(attended -> opened + attended));
    }

    private Uni<Integer> open() {
        return Panache.withTransaction(() -> claim("""
                UPDATE booking b SET meeting_attempts = meeting_attempts + 1, meeting_next_at = ?2
                FROM representative r
                WHERE b.id IN (SELECT id FROM booking WHERE meeting_status = 'PENDING' AND meeting_next_at <= ?1
                               ORDER BY meeting_next_at LIMIT ?3 FOR UPDATE SKIP LOCKED)
                  AND r.id = b.representative_id
                RETURNING b.id, b.topic, b.starts_at, b.ends_at, r.wecom_user_id, b.meeting_id""", now(), now().plus(LEASE), BATCH))
                .chain(claimed -> each(claimed, c -> calls.open(new VideoCalls.Call("视频接待：" + c.topic(), c.startsAt().toInstant(),
                                c.endsAt().toInstant(), c.host()))
                        .chain(meeting -> Panache.withTransaction(() -> Booking.<Booking>findById(c.id(), LockModeType.PESSIMISTIC_WRITE)
                                .chain(b -> {
                                    b.meetingStatus = OPEN;
                                    b.meetingId = meeting.id();
                                    b.meetingCode = meeting.code();
                                    b.joinUrl = meeting.joinUrl();
                                    b.meetingNextAt = null;
                                    return confirmationCard(b);
                                })))
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(e -> Panache.withTransaction(() -> Booking.<Booking>findById(c.id(), LockModeType.PESSIMISTIC_WRITE)
                                .chain(b -> failed(b, e))))));
    }

    /** A parked opening still tells the representative of the booked call, without a link (the office opens one by hand). */
    private Uni<Void> failed(Booking b, Throwable e) {
        LOG.warnf("Opening the meeting of booking %s failed: %s", b.id, e.getMessage());
        b.meetingStatus = b.meetingAttempts >= MAX_ATTEMPTS ? PARKED : PENDING;
        b.meetingError = e.getMessage();
        b.meetingNextAt = now().plus(Duration.ofMinutes(1L << Math.min(b.meetingAttempts, 6)));
        return PARKED.equals(b.meetingStatus) ? confirmationCard(b) : Uni.createFrom().voidItem();
    }

    /**
     * The representative's card of a booked call — its time, topic and join link — once its meeting is open (the link
     * exists only then); not for a booking cancelled or moved while its meeting was being opened.
     */
    private Uni<Void> confirmationCard(Booking b) {
        return BookingState.OPEN.contains(b.state) ? notices.give(b, BookingMessages.Kind.CONFIRMED).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    private Uni<Integer> attend() {
        return Panache.withTransaction(() -> claim("""
                SELECT b.id, b.topic, b.starts_at, b.ends_at, r.wecom_user_id, b.meeting_id
                FROM booking b JOIN representative r ON r.id = b.representative_id
                WHERE b.state IN ('CONFIRMED', 'REMINDED') AND b.meeting_status = 'OPEN' AND b.ends_at <= ?1
                ORDER BY b.ends_at LIMIT ?2 FOR UPDATE OF b SKIP LOCKED""", now(), BATCH))
                .chain(claimed -> each(claimed, c -> calls.attendance(c.meetingId(), c.host())
                        .chain(attendance -> Panache.withTransaction(() -> Booking.<Booking>findById(c.id(), LockModeType.PESSIMISTIC_WRITE)
                                .chain(b -> decide(b, attendance))))
                        .onFailure().invoke(e -> LOG.warnf("Reading the attendance of booking %s failed, it will be read again: %s", c.id(), e.getMessage()))
                        .onFailure().recoverWithNull().replaceWithVoid()));
    }

    /** The attendance decides: no representative, their no-show; else no resident, the resident's; else the call was held. */
    private Uni<Void> decide(Booking b, VideoCalls.Attendance attendance) {
        BookingCommand command = attendance.representativeSeconds() == 0 ? BookingCommand.MISS_BY_REPRESENTATIVE
                : attendance.residentSeconds() == 0 ? BookingCommand.MISS_BY_RESIDENT : BookingCommand.COMPLETE;
        if (!BookingTransitions.allows(BookingTransitions.SYSTEM, b.facts(), command, clock.instant(), settings.policy())) {
            return Uni.createFrom().voidItem();
        }
        b.state = BookingTransitions.target(b.state, command);
        b.representativeSeconds = attendance.representativeSeconds();
        b.residentSeconds = attendance.residentSeconds();
        b.updatedAt = now();
        if (b.caseId == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> recorded = line(b, "VIDEO_CALL", "视频接待" + b.state.label() + "：代表在线 " + minutes(attendance.representativeSeconds())
                + " 分钟，群众在线 " + minutes(attendance.residentSeconds()) + " 分钟").persist().replaceWithVoid();
        return b.state == BookingState.MISSED_BY_REPRESENTATIVE ? recorded.chain(() -> supervise(b)) : recorded;
    }

    /**
     * 督办 of a call the representative missed, as of a missed deadline (supervision.DeadlineWatch): the case is
     * supervised, its record says so, and the group leader and the town office are told (an outbox event, in this
     * same transaction, so the booking's outcome and the notice stand or fall together).
     */
    private Uni<Void> supervise(Booking b) {
        return Case.<Case>findById(b.caseId).chain(c -> {
            if (c.supervisedAt == null) {
                c.supervisedAt = b.updatedAt;
            }
            CaseActivity line = line(b, "SUPERVISE", "督办：代表未到 " + WHEN.format(b.startsAt.atZoneSameInstant(zone)) + " 的视频接待，转组长和镇党委督办");
            line.fromState = c.state;
            line.toState = c.state;
            return line.persist().chain(() -> outbox.append(new VideoCallMissed(c.id, c.number, b.startsAt, b.workstationId, b.representativeId)))
                    .replaceWithVoid();
        });
    }

    /** A line on the booking's case's record, written by the system about the call. */
    private static CaseActivity line(Booking b, String action, String detail) {
        CaseActivity line = new CaseActivity();
        line.caseId = b.caseId;
        line.at = b.updatedAt;
        line.actor = "system";
        line.action = action;
        line.channel = Channel.VIDEO;
        line.detail = detail;
        return line;
    }

        private static long minutes(int seconds) {
        return Math.round(seconds / 60.0);
    }

    private static Uni<List<Claimed>> claim(String sql, Object... params) {
        return Sql.rows(sql, params).map(rows -> rows.stream().map(r -> new Claimed((UUID) r[0], (String) r[1],
                        time(r[2]), time(r[3]), (String) r[4], (String) r[5])).toList());
    }

    private static OffsetDateTime time(Object value) {
        return value instanceof OffsetDateTime o ? o : OffsetDateTime.ofInstant(((java.time.Instant) value), ZoneOffset.UTC);
    }

    /** One after the other, so that a round holds one provider call at a time; @return how many */
    private static Uni<Integer> each(List<Claimed> claimed, java.util.function.Function<Claimed, Uni<Void>> handle) {
        return Multi.createFrom().iterable(claimed).onItem().transformToUniAndConcatenate(c -> handle.apply(c)).collect().asList().map(List::size);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
