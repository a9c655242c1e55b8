package cn.lianxin.bookings;

import cn.lianxin.notifications.BookingMessages;
import cn.lianxin.notifications.BookingMessages.Kind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What a booking's two sides are told, each notice once (V60 {@code booking_notice}): its key (booking, kind) is
 * claimed in the transaction that writes the notice's outbound messages, so a command or round that runs twice, or on
 * two instances, tells nobody twice; the messages go out after commit through the outbound pipeline.
 */
@ApplicationScoped
class BookingNotices {

    private final BookingMessages messages;
    private final Clock clock;

    BookingNotices(BookingMessages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** @return whether the notice was given now (false: it had been already) */
    Uni<Boolean> give(Booking b, Kind kind) {
        return give(b, kind, null);
    }

    /** A move's notice: the booking moved, and the new slot's start. */
    Uni<Boolean> moved(Booking b, OffsetDateTime movedTo) {
        return give(b, Kind.RESCHEDULED, movedTo);
    }

    private Uni<Boolean> give(Booking b, Kind kind, OffsetDateTime movedTo) {
        return Sql.rows("""
                INSERT INTO booking_notice (booking_id, kind, sent_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (booking_id, kind) DO UPDATE SET sent_at = EXCLUDED.sent_at, last_error = NULL
                WHERE booking_notice.sent_at IS NULL
                RETURNING booking_id, kind""", b.id, kind.name(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(false)
                        : messages.queue(new BookingMessages.Notice(kind, b.id, b.caseId, b.residentId, b.representativeId, b.startsAt,
                                b.endsAt, movedTo, b.topic, b.joinUrl)).replaceWith(true));
    }
}
