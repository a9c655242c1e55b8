package cn.lianxin.notifications;

import cn.lianxin.cases.domain.Channel;
import cn.lianxin.residents.Resident;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The messages of a booked video call's notices, worded in {@link Templates}: the resident's on the channel they can
 * be reached on (the mini-program's subscribe message, which falls back to SMS without a consent; SMS without the
 * mini-program), the representative's as a WeCom card with the join link. Rows written in the caller's
 * transaction and sent after commit; each keyed by the booking and the kind, so one notice is written once.
 */
@ApplicationScoped
public class BookingMessages {

    /** Which notice: the representative's card for a booked call, the two reminders, a cancellation, a move. */
    public enum Kind { CONFIRMED, DAY_BEFORE, SHORTLY_BEFORE, CANCELLED, RESCHEDULED }

    /** What a notice tells of the booking; {@code movedTo} is the new start of a move, {@code joinUrl} the meeting's link. */
    public record Notice(Kind kind, UUID bookingId, UUID caseId, UUID residentId, long representativeId, OffsetDateTime startsAt,
            OffsetDateTime endsAt, OffsetDateTime movedTo, String topic, String joinUrl) {
    }

    private static final Logger LOG = Logger.getLogger(BookingMessages.class);

    private final Wordings wordings;
    private final ZoneId zone;

    public BookingMessages(Wordings wordings, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone) {
        this.wordings = wordings;
        this.zone = zone;
    }

    /** Writes the notice's messages; the confirmation card is the representative's alone. */
    public Uni<Void> queue(Notice n) {
        UUID key = UUID.nameUUIDFromBytes(("booking-" + n.bookingId() + "-" + n.kind()).getBytes(StandardCharsets.UTF_8));
        // A cancelled or moved call's meeting is no longer the one to join.
        boolean joinable = n.kind() != Kind.CANCELLED && n.kind() != Kind.RESCHEDULED;
        Templates.BookedCall call = new Templates.BookedCall(n.caseId(), local(n.startsAt()), local(n.endsAt()),
                n.movedTo() == null ? null : local(n.movedTo()), n.topic(), joinable ? n.joinUrl() : null);
        List<OutboundMessage> messages = new ArrayList<>();
        messages.add(Templates.bookingForRepresentative(n.kind(), call).toRepresentative(n.representativeId()));
        Uni<List<OutboundMessage>> all = n.kind() == Kind.CONFIRMED ? Uni.createFrom().item(messages)
                : Resident.<Resident>findById(n.residentId()).map(resident -> {
                    CaseEventNotifications.replyChannel(resident, Channel.VIDEO).ifPresentOrElse(
                            to -> messages.add(wordings.word(Templates.bookingForResident(n.kind(), call).toResident(resident.id, to))),
                            () -> LOG.infof("Booking %s: the resident has no reachable channel for the %s notice", n.bookingId(), n.kind()));
                    return messages;
                });
        return all.chain(list -> Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(m -> {
            m.sourceEventId = key;
            return m.persist();
        }).collect().asList()).replaceWithVoid();
    }

    private ZonedDateTime local(OffsetDateTime at) {
        return at.atZoneSameInstant(zone);
    }
}
