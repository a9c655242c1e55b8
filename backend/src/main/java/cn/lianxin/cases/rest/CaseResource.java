package cn.lianxin.cases.rest;

import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.cases.domain.Transitions;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.cases.domain.HandlingClass;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.CaseLifecycle;
import cn.lianxin.cases.CaseRegistration;
import cn.lianxin.cases.IdempotentRegistrations;
import cn.lianxin.cases.IdempotentRegistrations.Keys;
import cn.lianxin.cases.ResidentHistories;
import cn.lianxin.api.Created;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/cases")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Cases")
public class CaseResource {

    public record CaseRequest(
            @NotNull UUID residentId,
            @NotNull Long villageId,
            @NotNull Long categoryId,
            @NotNull Channel channel,
            @NotBlank @Size(max = 2000) String text) {
    }

    /**
     * A case as staff see it, with the commands the caller may give it now ({@link Transitions#allowed}). Staff always see who the resident is;
     * {@code anonymous} tells them the resident asked not to be named towards the public.
     */
    public record CaseView(UUID id, String number, CaseState state, String stateLabel, List<CommandKind> allowedCommands,
            Channel channel, String text, UUID residentId, Long villageId, long categoryId, Long workstationId,
            Long representativeId, BigDecimal routingScore, List<String> routingReasons, OffsetDateTime signForDueAt,
            OffsetDateTime signedAt, OffsetDateTime replyDueAt, OffsetDateTime resolveDueAt, OffsetDateTime supervisedAt,
            HandlingClass handlingClass, boolean awaitingInstruction, String reply, List<String> replyAttachments,
            OffsetDateTime repliedAt, Feedback feedback, String feedbackComment, int reopenCount,
            OffsetDateTime registeredAt, String registeredBy, OffsetDateTime archivedAt, long version, String contentReview,
            boolean anonymous) {
        static CaseView of(Case c, Caller caller) {
            return new CaseView(c.id, c.number, c.state, c.state.label(), Transitions.allowed(caller, c), c.channel, c.text,
                    c.residentId, c.villageId, c.categoryId, c.workstationId, c.representativeId, c.routingScore,
                    c.routingReasons == null ? List.of() : List.of(c.routingReasons), c.signForDueAt, c.signedAt, c.replyDueAt,
                    c.resolveDueAt, c.supervisedAt, c.handlingClass,
                    c.awaitingInstruction, c.replyText, List.of(c.replyAttachments), c.repliedAt, c.feedback, c.feedbackComment, c.reopenCount,
                    c.registeredAt, c.registeredBy, c.archivedAt, c.version, c.contentReview, c.anonymous);
        }
    }

    public record ActivityView(OffsetDateTime at, String actor, String action, Channel channel, CaseState fromState,
            CaseState toState, String detail) {
        static ActivityView of(CaseActivity a) {
            return new ActivityView(a.at, a.actor, a.action, a.channel, a.fromState, a.toState, a.detail);
        }
    }

    private final CaseRegistration registration;
    private final CaseLifecycle lifecycle;
    private final ResidentHistories histories;
    private final SecurityIdentity identity;
    private final ZoneId townZone;
    private final Clock clock;
    private final ReadAudit audit;

    public CaseResource(CaseRegistration registration, CaseLifecycle lifecycle, ResidentHistories histories,
            SecurityIdentity identity, Clock clock, ReadAudit audit,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.audit = audit;
        this.clock = clock;
        this.registration = registration;
        this.lifecycle = lifecycle;
        this.histories = histories;
        this.identity = identity;
        this.townZone = townZone;
    }

    @POST
    @Operation(summary = "Register a case (登记) on behalf of a resident: walk-in, phone call, visit; staff of a workstation"
            + " register for it (the village must be one it covers). With an Idempotency-Key header a retry returns the first"
            + " case (200) instead of registering a second; the same key with a different request is refused (422)")
    public Uni<Response> register(@HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull CaseRequest request) {
        Caller caller = Caller.of(identity);
        var command = CaseRegistration.RegisterCase.byStaff(caller, request.residentId(), request.villageId(), request.categoryId(),
                request.channel(), request.text());
        if (idempotencyKey == null) {
            return registration.register(command, caller.username())
                    .map(c -> Created.at("/api/cases", c.id, CaseView.of(c, caller)));
        }
        IdempotentRegistrations.validate(idempotencyKey);
        String fingerprint = IdempotentRegistrations.fingerprint(request.residentId(), request.villageId(), request.categoryId(),
                request.channel(), request.text());
        return Panache.withTransaction(() -> IdempotentRegistrations.register(Keys.STAFF, caller.username(), idempotencyKey, fingerprint,
                        () -> registration.register(command, caller.username())))
                .map(r -> r.first() ? Created.at("/api/cases", r.registered().id, CaseView.of(r.registered(), caller))
                        : Response.ok(CaseView.of(r.registered(), caller)).build());
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<CaseView> get(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return lifecycle.read(id, caller, ReadAudit.Action.CASE_READ).map(c -> CaseView.of(c, caller));
    }

    @GET
    @Path("{id}/activity")
    @WithSession
    @Operation(summary = "The case's record, oldest first")
    public Uni<List<ActivityView>> activity(@PathParam("id") UUID id) {
        return lifecycle.read(id, Caller.of(identity), ReadAudit.Action.CASE_RECORD)
                .chain(c -> CaseActivity.<CaseActivity>list("caseId = ?1 order by id", id))
                .map(list -> list.stream().map(ActivityView::of).toList());
    }

    @GET
    @Path("{id}/resident-history")
    @WithSession
    @Operation(summary = "The case's resident (phone masked) and their cases the caller may see, newest first")
    public Uni<ResidentHistories.ResidentHistory> residentHistory(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return lifecycle.visible(id, caller).chain(c -> histories.of(c, caller));
    }

    public record PhoneView(String phone) {
    }

    @GET
    @Path("{id}/resident-phone")
    @WithSession
    @Operation(summary = "The resident's number in clear, to call them: for who handles, dispatches or revisits the case (recorded in the read audit)")
    public Uni<PhoneView> residentPhone(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return lifecycle.visible(id, caller).chain(c -> histories.phoneInClear(c, caller)).map(PhoneView::new);
    }

    @GET
    @WithSession
    @Operation(summary = "Cases the caller may see, newest first; every filter is optional, dates are the town's calendar"
            + " days (inclusive); unassigned=true is the dispatch queue")
    public Uni<Page<CaseView>> list(@Valid @BeanParam PageRequest page, @Valid @BeanParam CaseFilters filters) {
        Caller caller = Caller.of(identity);
        return filters.toSearch().page(caller, townZone, OffsetDateTime.now(clock), page)
                .call(p -> audit.record(caller, ReadAudit.Action.CASE_LIST, Case.audited(p.items())))
                .map(p -> p.map(c -> CaseView.of(c, caller)));
    }
}
