package cn.lianxin.bookings;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.api.ProblemMappers;
import cn.lianxin.bookings.domain.BookingCommand;
import cn.lianxin.bookings.domain.BookingRefusal;
import cn.lianxin.bookings.domain.BookingState;
import cn.lianxin.bookings.domain.BookingTransitions;
import cn.lianxin.bookings.domain.ReceptionSlots.Slot;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.CaseRegistration;
import cn.lianxin.cases.CaseRegistration.RegisterCase;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.WorkField;
import cn.lianxin.notifications.BookingMessages;
import cn.lianxin.residents.Resident;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holding, confirming, cancelling and moving bookings. Each command loads the booking in the caller's scope with
 * its row locked, asks {@link BookingTransitions}, and changes it in one transaction; a confirmation registers the
 * booking's case (channel VIDEO) with the booked representative in that same transaction; a cancellation or a move
 * is told to both sides ({@link BookingNotices}) in its transaction too.
 */
@ApplicationScoped
public class BookingDesk {

    static final int MAX_TOPIC = 500;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final Slots slots;
    private final CaseRegistration registration;
    private final BookingSettings settings;
    private final BookingNotices notices;
    private final Clock clock;
    private final ZoneId zone;

    public BookingDesk(Slots slots, CaseRegistration registration, BookingSettings settings, BookingNotices notices, Clock clock,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone) {
        this.slots = slots;
        this.notices = notices;
        this.registration = registration;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Holds the slot for the resident for {@code lianxin.bookings.hold-for}. 409 when the time is taken — by the
     * exclusion constraint, whichever of simultaneous holds commits first wins — or the resident's cap is reached.
     */
    public Uni<Booking> hold(Caller caller, UUID residentId, Long representativeId, OffsetDateTime startsAt) {
        if (representativeId == null) {
            throw ApiException.invalidField("representativeId", "is required");
        }
        if (startsAt == null) {
            throw ApiException.invalidField("startsAt", "is required (ISO-8601 with offset)");
        }
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> slots.offeredAt(representativeId, startsAt.toInstant())
                        .map(slot -> slot.filter(s -> s.startsAt().isAfter(now.toInstant())).orElseThrow(() -> ApiException.invalidField("startsAt",
                                "is not an upcoming reception slot of representative " + representativeId)))
                        .chain(slot -> Representative.<Representative>findById(representativeId).chain(r -> {
                            if (!caller.isResident() && !caller.is(StaffRole.TOWN_OFFICE) && !r.workstationId.equals(caller.workstationId())) {
                                throw forbidden("Staff book the representatives of their own workstation");
                            }
                            return withinCap(residentId, now).chain(() -> clearExpired(slot, now)).chain(() -> {
                                Booking b = new Booking();
                                b.id = UUID.randomUUID();
                                b.representativeId = representativeId;
                                b.workstationId = r.workstationId;
                                b.residentId = residentId;
                                b.startsAt = OffsetDateTime.ofInstant(slot.startsAt(), zone);
                                b.endsAt = OffsetDateTime.ofInstant(slot.endsAt(), zone);
                                b.state = BookingState.HELD;
                                b.expiresAt = now.plus(settings.holdFor());
                                b.bookedBy = caller.isResident() ? null : caller.username();
                                b.createdAt = now;
                                b.updatedAt = now;
                                return b.persistAndFlush().replaceWith(b);
                            });
                        })))
                .onFailure(e -> ProblemMappers.isViolation(e, "23P01"))
                .transform(e -> ApiException.conflict("该时段已被预约，请选择其他时段 (the slot is taken)"));
    }

    /** The compare-and-swap: an unexpired hold of this caller becomes a booking, and its case is registered. */
    public Uni<Booking> confirm(Caller caller, UUID holdId, String topic, Long categoryId) {
        String text = topic(topic);
        return Panache.withTransaction(() -> locked(caller, holdId).chain(b -> {
            decide(caller, b, BookingCommand.CONFIRM);
            return category(categoryId).chain(category -> Resident.<Resident>findById(b.residentId).chain(resident -> registration.registerWith(
                    new RegisterCase(b.residentId, resident.villageId, category, Channel.VIDEO, text), b.representativeId,
                    rep -> "视频预约：群众预约了该代表 " + WHEN.format(b.startsAt.atZoneSameInstant(zone)) + " 的接待时段", actor(caller))
                    .map(c -> {
                        b.state = BookingState.CONFIRMED;
                        b.topic = text;
                        b.categoryId = category;
                        b.caseId = c.id;
                        b.updatedAt = now();
                        b.needsMeeting(b.updatedAt);
                        return b;
                    })));
        }));
    }

    /** Lets a hold's slot go before its expiry (the resident chose again), so that it counts no more against their cap. */
    public Uni<Booking> release(Caller caller, UUID holdId) {
        return Panache.withTransaction(() -> locked(caller, holdId).chain(b -> {
            decide(caller, b, BookingCommand.RELEASE);
            return move(b, BookingCommand.RELEASE, caller, null);
        }));
    }

    public Uni<Booking> cancel(Caller caller, UUID bookingId) {
        return Panache.withTransaction(() -> locked(caller, bookingId).chain(b -> {
            decide(caller, b, BookingCommand.CANCEL);
            return move(b, BookingCommand.CANCEL, caller, "取消视频预约 " + WHEN.format(b.startsAt.atZoneSameInstant(zone)))
                    .call(() -> notices.give(b, BookingMessages.Kind.CANCELLED));
        }));
    }

    /** Moves a booking to a slot the caller has held: the hold becomes the booking, of the same case and topic. */
    public Uni<Booking> reschedule(Caller caller, UUID bookingId, UUID holdId) {
        if (holdId == null) {
            throw ApiException.invalidField("holdId", "is required: hold the new slot first");
        }
        return Panache.withTransaction(() -> locked(caller, bookingId).chain(old -> locked(caller, holdId).chain(hold -> {
            decide(caller, old, BookingCommand.RESCHEDULE);
            decide(caller, hold, BookingCommand.CONFIRM);
            if (!hold.residentId.equals(old.residentId)) {
                throw ApiException.invalidField("holdId", "is a hold for another resident");
            }
            hold.state = BookingState.CONFIRMED;
            hold.topic = old.topic;
            hold.categoryId = old.categoryId;
            hold.caseId = old.caseId;
            hold.rescheduledFrom = old.id;
            hold.updatedAt = now();
            hold.needsMeeting(hold.updatedAt);
            return move(old, BookingCommand.RESCHEDULE, caller, "视频预约改期：" + WHEN.format(old.startsAt.atZoneSameInstant(zone))
                    + " 改为 " + WHEN.format(hold.startsAt.atZoneSameInstant(zone)))
                    .call(() -> notices.moved(old, hold.startsAt)).replaceWith(hold);
        })));
    }

    /** The booking's new state, and a line on its case's record saying so. */
    private Uni<Booking> move(Booking b, BookingCommand command, Caller caller, String detail) {
        b.state = BookingTransitions.target(b.state, command);
        b.updatedAt = now();
        if (b.caseId == null) {
            return Uni.createFrom().item(b);
        }
        CaseActivity line = new CaseActivity();
        line.caseId = b.caseId;
        line.at = b.updatedAt;
        line.actor = actor(caller);
        line.action = "BOOKING_" + command.name();
        line.channel = Channel.VIDEO;
        line.detail = detail;
        return line.persist().replaceWith(b);
    }

    /** The booking with its row locked, when the caller may see it: their own (a resident), their workstation's, or any (the office). */
    Uni<Booking> locked(Caller caller, UUID id) {
        if (id == null) {
            throw ApiException.invalidField("holdId", "is required");
        }
        return Booking.<Booking>findById(id, LockModeType.PESSIMISTIC_WRITE).map(b -> {
            if (b == null || !visible(caller, b)) {
                throw ApiException.notFound("Booking " + id);
            }
            return b;
        });
    }

    public static boolean visible(Caller caller, Booking b) {
        if (caller.isResident()) {
            return caller.residentId().equals(b.residentId);
        }
        return caller.is(StaffRole.TOWN_OFFICE) || caller.workstationId() != null && caller.workstationId() == b.workstationId;
    }

    /** @throws ApiException 403 or 409 with what this caller may do instead, as the booking rules say */
    void decide(Caller caller, Booking b, BookingCommand command) {
        BookingTransitions.refusal(caller, b.facts(), command, clock.instant(), settings.policy()).ifPresent(refusal -> {
            if (refusal instanceof BookingRefusal.NotNow notNow) {
                throw new ApiException(Problem.illegalState(notNow.why(), notNow.state().name(),
                        notNow.allowed().stream().map(Enum::name).toList()));
            }
            throw forbidden(refusal.why());
        });
    }

    /** The resident may not hold more than their cap; their row is locked so that simultaneous holds count each other. */
    private Uni<Void> withinCap(UUID residentId, OffsetDateTime now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT id FROM resident WHERE id = ?1 FOR UPDATE", UUID.class)
                        .setParameter(1, residentId).getResultList())
                .chain(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.invalidField("residentId", "no resident with id " + residentId);
                    }
                    return Booking.count("residentId = :resident and ((state in :open and endsAt > :now) or (state = :held and expiresAt > :now))",
                            Parameters.with("resident", residentId).and("open", BookingState.OPEN).and("held", BookingState.HELD).and("now", now));
                })
                .invoke(open -> {
                    if (open >= settings.openPerResident()) {
                        throw ApiException.conflict("每位群众最多同时预约 " + settings.openPerResident() + " 个时段 (at most "
                                + settings.openPerResident() + " open bookings per resident)");
                    }
                }).replaceWithVoid();
    }

    /** Holds past their expiry that overlap the slot stop being live, so that the constraint lets the new hold in. */
    private static Uni<Integer> clearExpired(Slot slot, OffsetDateTime now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                UPDATE booking SET state = 'EXPIRED', updated_at = ?4
                WHERE representative_id = ?1 AND slot && tstzrange(?2, ?3, '[)') AND state = 'HELD' AND expires_at <= ?4""")
                .setParameter(1, slot.representativeId()).setParameter(2, OffsetDateTime.ofInstant(slot.startsAt(), ZoneOffset.UTC))
                .setParameter(3, OffsetDateTime.ofInstant(slot.endsAt(), ZoneOffset.UTC)).setParameter(4, now).executeUpdate());
    }

    /** The given category, or the town's general one (综合事务) when the resident did not say. */
    private static Uni<Long> category(Long categoryId) {
        if (categoryId != null) {
            return Category.<Category>findById(categoryId).map(c -> {
                if (c == null || !c.active) {
                    throw ApiException.invalidField("categoryId", "is not an active category");
                }
                return c.id;
            });
        }
        return Category.<Category>find("active = true order by case when workField = ?1 then 0 else 1 end, id", WorkField.GENERAL)
                .firstResult().map(c -> {
                    if (c == null) {
                        throw ApiException.invalidField("categoryId", "is required: the town has no categories");
                    }
                    return c.id;
                });
    }

    private static String topic(String topic) {
        if (topic == null || topic.isBlank()) {
            throw ApiException.invalidField("topic", "is required: what the call is about");
        }
        if (topic.length() > MAX_TOPIC) {
            throw ApiException.invalidField("topic", "must be at most " + MAX_TOPIC + " characters");
        }
        return topic.strip();
    }

    private static String actor(Caller caller) {
        return caller.isResident() ? "小程序 居民" : caller.username();
    }

    private static ApiException forbidden(String why) {
        return new ApiException(Problem.of(403, "Forbidden", why));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
