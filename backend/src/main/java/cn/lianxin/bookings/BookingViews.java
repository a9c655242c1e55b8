package cn.lianxin.bookings;

import cn.lianxin.bookings.domain.BookingCommand;
import cn.lianxin.bookings.domain.BookingState;
import cn.lianxin.bookings.domain.BookingTransitions;
import cn.lianxin.bookings.domain.ReceptionSlots.Slot;
import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.staff.StaffRole;
import cn.lianxin.staff.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Slots and bookings as the API shows them: times with the town's offset, the representative's public name. */
@ApplicationScoped
public class BookingViews {

    /** {@code standingInFor}: the representative on leave whose slot this is, when the stand-in receives it. */
    public record SlotView(long representativeId, String representativeName, OffsetDateTime startsAt, OffsetDateTime endsAt,
            Long standingInFor) {
    }

    /** {@code allowed}: what this caller may do to it now, as the booking rules say. */
    public record BookingView(UUID id, BookingState state, String stateLabel, long representativeId, String representativeName,
            long workstationId, OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime expiresAt, String topic, UUID caseId,
            boolean bookedByStaff, String joinUrl, String meetingCode, List<BookingCommand> allowed) {
    }

    private final BookingSettings settings;
    private final Clock clock;
    private final ZoneId zone;

    public BookingViews(BookingSettings settings, Clock clock, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone) {
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
    }

    /** In a session. */
    public Uni<List<SlotView>> slots(List<Slot> slots) {
        return names(slots.stream().map(Slot::representativeId).toList()).map(names -> slots.stream()
                .map(s -> new SlotView(s.representativeId(), names.get(s.representativeId()), OffsetDateTime.ofInstant(s.startsAt(), zone),
                        OffsetDateTime.ofInstant(s.endsAt(), zone), s.ownerId() == s.representativeId() ? null : s.ownerId())).toList());
    }

    /** In a session. */
    public Uni<List<BookingView>> bookings(Caller caller, List<Booking> bookings) {
        return names(bookings.stream().map(b -> b.representativeId).toList()).map(names -> bookings.stream()
                .map(b -> view(caller, b, names.get(b.representativeId))).toList());
    }

    /** In a session. */
    public Uni<BookingView> booking(Caller caller, Booking b) {
        return bookings(caller, List.of(b)).map(list -> list.get(0));
    }

    private BookingView view(Caller caller, Booking b, String name) {
        return new BookingView(b.id, b.state, b.state.label(), b.representativeId, name, b.workstationId,
                b.startsAt.atZoneSameInstant(zone).toOffsetDateTime(), b.endsAt.atZoneSameInstant(zone).toOffsetDateTime(),
                b.state == BookingState.HELD ? b.expiresAt.atZoneSameInstant(zone).toOffsetDateTime() : null, b.topic, b.caseId,
                b.bookedBy != null, b.joinUrl, b.meetingCode, BookingTransitions.allowed(caller, b.facts(), clock.instant(), settings.policy()));
    }

    private static Uni<Map<Long, String>> names(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Representative.<Representative>list("id in ?1", ids.stream().distinct().toList())
                .map(list -> list.stream().collect(Collectors.toMap(r -> r.id, r -> r.name, (a, b) -> a)));
    }

    /** The workstation asked for, when the caller may see it; a workstation's staff see only their own. */
    public static long workstationOf(Caller caller, Long asked) {
        if (caller.is(StaffRole.TOWN_OFFICE)) {
            if (asked == null) {
                throw ApiException.invalidField("workstationId", "is required");
            }
            return asked;
        }
        if (asked != null && !asked.equals(caller.workstationId())) {
            throw new ApiException(Problem.of(403, "Forbidden", "You see the bookings of your own workstation only"));
        }
        return caller.workstationId();
    }
}
