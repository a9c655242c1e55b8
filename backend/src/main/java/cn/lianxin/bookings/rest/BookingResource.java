package cn.lianxin.bookings.rest;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Created;
import cn.lianxin.api.Roles;
import cn.lianxin.bookings.Booking;
import cn.lianxin.bookings.BookingDesk;
import cn.lianxin.bookings.BookingViews;
import cn.lianxin.bookings.BookingViews.BookingView;
import cn.lianxin.bookings.BookingViews.SlotView;
import cn.lianxin.bookings.Slots;
import cn.lianxin.bookings.domain.BookingState;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bookings as staff see them — a workstation's week — and booking for a resident who phoned or texted. Every
 * query is scoped: the town office sees any workstation, everyone else their own only.
 */
@Path("/api/bookings")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Bookings")
public class BookingResource {

    public record StaffHoldRequest(UUID residentId, Long representativeId, OffsetDateTime startsAt) {
    }

    public record StaffConfirmRequest(UUID holdId, String topic, Long categoryId) {
    }

    private final Slots slots;
    private final BookingDesk desk;
    private final BookingViews views;
    private final SecurityIdentity identity;
    private final ZoneId zone;

    public BookingResource(Slots slots, BookingDesk desk, BookingViews views, SecurityIdentity identity,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone) {
        this.slots = slots;
        this.desk = desk;
        this.views = views;
        this.identity = identity;
        this.zone = zone;
    }

    @GET
    @WithSession
    @Operation(summary = "A workstation's bookings between two days (held, booked and past), in order of time")
    public Uni<List<BookingView>> list(@QueryParam("workstationId") Long workstationId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        Caller caller = Caller.of(identity);
        long workstation = BookingViews.workstationOf(caller, workstationId);
        if (from == null || to == null || to.isBefore(from) || to.isAfter(from.plusDays(62))) {
            throw ApiException.invalidField(from == null ? "from" : "to", "from and to are required (YYYY-MM-DD), at most 62 days apart");
        }
        return Booking.<Booking>list("workstationId = :ws and startsAt >= :from and startsAt < :to and state <> :expired order by startsAt",
                        Parameters.with("ws", workstation).and("from", from.atStartOfDay(zone).toOffsetDateTime())
                                .and("to", to.plusDays(1).atStartOfDay(zone).toOffsetDateTime()).and("expired", BookingState.EXPIRED))
                .chain(list -> views.bookings(caller, list));
    }

    @GET
    @Path("slots")
    @WithSession
    @Operation(summary = "The free slots of a workstation's representatives, for booking on a caller's behalf")
    public Uni<List<SlotView>> slots(@QueryParam("workstationId") Long workstationId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        long workstation = BookingViews.workstationOf(Caller.of(identity), workstationId);
        return Representative.<Representative>list("workstationId = ?1 and active = true", workstation)
                .chain(reps -> slots.free(reps.stream().map(r -> r.id).toList(), from, to)).chain(views::slots);
    }

    @POST
    @Path("holds")
    @RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON})
    @Operation(summary = "Holds a slot for a resident who phoned: 201 with holdId and expiresAt, 409 when taken")
    public Uni<Response> hold(StaffHoldRequest request) {
        StaffHoldRequest r = request == null ? new StaffHoldRequest(null, null, null) : request;
        if (r.residentId() == null) {
            throw ApiException.invalidField("residentId", "is required");
        }
        Caller caller = Caller.of(identity);
        return desk.hold(caller, r.residentId(), r.representativeId(), r.startsAt()).chain(this::view)
                .map(v -> Created.at("/api/bookings", v.id(), v));
    }

    @POST
    @RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON})
    @Operation(summary = "Confirms a hold made for a resident who phoned; registers the case")
    public Uni<Response> confirm(StaffConfirmRequest request) {
        StaffConfirmRequest r = request == null ? new StaffConfirmRequest(null, null, null) : request;
        return desk.confirm(Caller.of(identity), r.holdId(), r.topic(), r.categoryId()).chain(this::view)
                .map(v -> Created.at("/api/bookings", v.id(), v));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancels a booking before its slot begins")
    public Uni<BookingView> cancel(@PathParam("id") UUID id) {
        return desk.cancel(Caller.of(identity), id).chain(this::view);
    }

    private Uni<BookingView> view(Booking b) {
        return Panache.withSession(() -> views.booking(Caller.of(identity), b));
    }
}
