package cn.lianxin.bookings;

import cn.lianxin.api.ApiException;
import cn.lianxin.bookings.domain.ReceptionSlots;
import cn.lianxin.bookings.domain.ReceptionSlots.Slot;
import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.calendar.WorkingDays;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The reception slots free to book: what the schedules offer, less what has begun and what is held or booked. */
@ApplicationScoped
public class Slots {

    /** Live rows of these representatives overlapping the time: the ones the exclusion constraint keeps apart. */
    private static final String TAKEN = """
            SELECT representative_id, starts_at, ends_at FROM booking
            WHERE representative_id IN (?1) AND slot && tstzrange(?2, ?3, '[)')
              AND (state IN ('CONFIRMED', 'REMINDED') OR (state = 'HELD' AND expires_at > ?4))""";

    private final Schedules schedules;
    private final WorkingCalendar calendar;
    private final BookingSettings settings;
    private final Clock clock;

    public Slots(Schedules schedules, WorkingCalendar calendar, BookingSettings settings, Clock clock) {
        this.schedules = schedules;
        this.calendar = calendar;
        this.settings = settings;
        this.clock = clock;
    }

    /** In a session: the free slots received by these representatives (or published by them, when on leave) on those days. */
    public Uni<List<Slot>> free(Collection<Long> representatives, LocalDate from, LocalDate to) {
        if (from == null) {
            throw ApiException.invalidField("from", "is required (YYYY-MM-DD)");
        }
        if (to == null || to.isBefore(from) || to.isAfter(from.plusDays(settings.maxDays() - 1L))) {
            throw ApiException.invalidField("to", "is required, on or after from and at most " + settings.maxDays() + " days on");
        }
        if (representatives.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = clock.instant();
        return offered(representatives, from, to).chain(offered -> {
            List<Slot> ahead = offered.stream().filter(s -> s.startsAt().isAfter(now)).toList();
            if (ahead.isEmpty()) {
                return Uni.createFrom().item(List.<Slot>of());
            }
            WorkingDays days = calendar.current();
            OffsetDateTime start = from.atStartOfDay(days.zone()).toOffsetDateTime();
            OffsetDateTime end = to.plusDays(1).atStartOfDay(days.zone()).toOffsetDateTime();
            List<Long> receivers = ahead.stream().map(Slot::representativeId).distinct().toList();
            return Panache.getSession().chain(s -> s.createNativeQuery(TAKEN, Object[].class).setParameter(1, receivers)
                    .setParameter(2, start).setParameter(3, end).setParameter(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .getResultList()).map(taken -> ahead.stream().filter(slot -> taken.stream().noneMatch(t ->
                            ((Number) t[0]).longValue() == slot.representativeId() && slot.overlaps(instant(t[1]), instant(t[2])))).toList());
        });
    }

    /** In a session: the slot starting then that this representative receives, whether or not it is free. */
    public Uni<Optional<Slot>> offeredAt(long representativeId, Instant startsAt) {
        LocalDate day = LocalDate.ofInstant(startsAt, calendar.current().zone());
        return offered(Set.of(representativeId), day, day).map(slots -> slots.stream()
                .filter(s -> s.representativeId() == representativeId && s.startsAt().equals(startsAt)).findFirst());
    }

    /** In a session: every slot these representatives receive on those days, begun, booked or free (the week's figures). */
    public Uni<List<Slot>> offered(Collection<Long> representatives, LocalDate from, LocalDate to) {
        return schedules.schedulesReceivedBy(representatives, from, to).map(list -> ReceptionSlots.offered(list, from, to, calendar.current())
                .stream().filter(s -> representatives.contains(s.representativeId()) || representatives.contains(s.ownerId())).toList());
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : ((java.time.temporal.TemporalAccessor) value).query(Instant::from);
    }
}
