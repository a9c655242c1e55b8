package cn.lianxin.bookings.rest;

import cn.lianxin.api.Roles;
import cn.lianxin.bookings.Schedules;
import cn.lianxin.bookings.Schedules.DatedHours;
import cn.lianxin.bookings.Schedules.LeaveDays;
import cn.lianxin.bookings.Schedules.Published;
import cn.lianxin.bookings.domain.ReceptionSlots.Rule;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A representative's reception hours (定期接待): weekly rules, dated openings and closings, leave with a stand-in. */
@Path("/api/representatives/{id}")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Bookings")
public class ReceptionResource {

    public record RulesRequest(List<Rule> rules) {
    }

    private final Schedules schedules;
    private final SecurityIdentity identity;

    public ReceptionResource(Schedules schedules, SecurityIdentity identity) {
        this.schedules = schedules;
        this.identity = identity;
    }

    @GET
    @Path("slot-rules")
    @WithSession
    @Operation(summary = "The representative's weekly rules, dated hours and leave from today on")
    public Uni<Published> published(@PathParam("id") long id) {
        return schedules.published(id);
    }

    @POST
    @Path("slot-rules")
    @Operation(summary = "Replaces the weekly rules: weekday (MONDAY…FRIDAY), from, to, slotMinutes, bufferMinutes")
    public Uni<Published> rules(@PathParam("id") long id, RulesRequest request) {
        return Panache.withTransaction(() -> schedules.replaceRules(Caller.of(identity), id, request == null ? null : request.rules()));
    }

    @POST
    @Path("reception-dates")
    @Operation(summary = "Hours on one date that replace the week's (an extra opening), or none (closed that day)")
    public Uni<Published> dated(@PathParam("id") long id, DatedHours hours) {
        return Panache.withTransaction(() -> schedules.setDated(Caller.of(identity), id, hours));
    }

    @POST
    @Path("leave")
    @Operation(summary = "Leave from firstDay to lastDay; the stand-in, when named, receives the slots of those days")
    public Uni<Published> leave(@PathParam("id") long id, LeaveDays leave) {
        return Panache.withTransaction(() -> schedules.addLeave(Caller.of(identity), id, leave));
    }
}
