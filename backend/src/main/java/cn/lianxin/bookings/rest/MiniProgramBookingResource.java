package cn.lianxin.bookings.rest;

import cn.lianxin.api.Created;
import cn.lianxin.api.Roles;
import cn.lianxin.bookings.Booking;
import cn.lianxin.bookings.BookingDesk;
import cn.lianxin.bookings.BookingViews;
import cn.lianxin.bookings.BookingViews.BookingView;
import cn.lianxin.bookings.BookingViews.SlotView;
import cn.lianxin.bookings.Slots;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.residents.Resident;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 预约视频 for a resident signed in through the mini-program: free slots, holds, bookings, cancelling and moving them. */
@Path("/api/mp")
@RolesAllowed(Roles.RESIDENT)
@Tag(name = "Mini-program bookings")
public class MiniProgramBookingResource {

    public record HoldRequest(Long representativeId, OffsetDateTime startsAt) {
    }

    public record HoldView(UUID holdId, OffsetDateTime expiresAt, long representativeId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }

    public record ConfirmRequest(UUID holdId, String topic, Long categoryId) {
    }

    public record Confirmed(UUID bookingId, UUID caseId, BookingView booking) {
    }

    public record RescheduleRequest(UUID holdId) {
    }

    private final Slots slots;
    private final BookingDesk desk;
    private final BookingViews views;
    private final JsonWebToken jwt;

    public MiniProgramBookingResource(Slots slots, BookingDesk desk, BookingViews views, JsonWebToken jwt) {
        this.slots = slots;
        this.desk = desk;
        this.views = views;
        this.jwt = jwt;
    }

    @GET
    @Path("slots")
    @WithSession
    @Operation(summary = "Free reception slots: of one representative, or of the workstation covering the resident's village")
    public Uni<List<SlotView>> slots(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("representativeId") Long representativeId) {
        Uni<List<Long>> representatives = representativeId != null ? Uni.createFrom().item(List.of(representativeId))
                : Resident.<Resident>findById(me()).chain(r -> (r.villageId == null
                        ? Representative.<Representative>list("active = true")
                        : Representative.<Representative>list("active = true and workstationId in "
                                + "(select w.id from Workstation w join w.villageIds v where v = ?1 and w.active = true)", r.villageId))
                        .map(list -> list.stream().map(x -> x.id).toList()));
        return representatives.chain(ids -> slots.free(ids, from, to)).chain(views::slots);
    }

    @POST
    @Path("bookings/holds")
    @Operation(summary = "Holds a slot for a few minutes: 201 with holdId and expiresAt, 409 when the time is taken")
    public Uni<Response> hold(HoldRequest request) {
        HoldRequest r = request == null ? new HoldRequest(null, null) : request;
        return desk.hold(caller(), me(), r.representativeId(), r.startsAt()).map(b -> Created.at("/api/mp/bookings", b.id,
                new HoldView(b.id, b.expiresAt.atZoneSameInstant(b.startsAt.getOffset()).toOffsetDateTime(), b.representativeId,
                        b.startsAt, b.endsAt)));
    }

    @POST
    @Path("bookings")
    @Operation(summary = "Confirms a hold with what the call is about: 201 with bookingId and the case registered for it")
    public Uni<Response> confirm(ConfirmRequest request) {
        ConfirmRequest r = request == null ? new ConfirmRequest(null, null, null) : request;
        return desk.confirm(caller(), r.holdId(), r.topic(), r.categoryId()).chain(this::confirmed);
    }

    @GET
    @Path("bookings")
    @WithSession
    @Operation(summary = "我的预约: the resident's bookings, latest first")
    public Uni<List<BookingView>> mine() {
        return Booking.<Booking>list("residentId = ?1 and state <> ?2 order by startsAt desc", me(), cn.lianxin.bookings.domain.BookingState.EXPIRED)
                .chain(list -> views.bookings(caller(), list));
    }

    @POST
    @Path("bookings/holds/{id}/release")
    @Operation(summary = "Lets a held slot go at once (the resident chose another)")
    public Uni<BookingView> release(@PathParam("id") UUID id) {
        return desk.release(caller(), id).chain(this::view);
    }

    @POST
    @Path("bookings/{id}/cancel")
    @Operation(summary = "Cancels a booking, until lianxin.bookings.resident-cancel-until before it")
    public Uni<BookingView> cancel(@PathParam("id") UUID id) {
        return desk.cancel(caller(), id).chain(this::view);
    }

    @POST
    @Path("bookings/{id}/reschedule")
    @Operation(summary = "Moves a booking to a newly held slot; the case stays the same")
    public Uni<BookingView> reschedule(@PathParam("id") UUID id, RescheduleRequest request) {
        return desk.reschedule(caller(), id, request == null ? null : request.holdId()).chain(this::view);
    }

    private Uni<Response> confirmed(Booking b) {
        return view(b).map(v -> Created.at("/api/mp/bookings", b.id, new Confirmed(b.id, b.caseId, v)));
    }

    private Uni<BookingView> view(Booking b) {
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> views.booking(caller(), b));
    }

    private UUID me() {
        return UUID.fromString(jwt.getSubject());
    }

    private Caller caller() {
        return Caller.resident(me(), "小程序 居民");
    }
}
