package cn.lianxin.broadcasts;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Created;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.broadcasts.domain.BroadcastCommand;
import cn.lianxin.broadcasts.domain.BroadcastRules;
import cn.lianxin.broadcasts.domain.BroadcastRules.Actor;
import cn.lianxin.broadcasts.domain.BroadcastState;
import cn.lianxin.broadcasts.domain.DeliveryChannel;
import cn.lianxin.broadcasts.domain.DeliveryStatus;
import cn.lianxin.staff.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 政策解读 for the town office: write, approve (a second account), follow every recipient. */
@Path("/api/broadcasts")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Broadcasts")
public class BroadcastResource {

    /** Who it is for: the whole town, constituencies or villages, optionally only residents who raised these categories. */
    public record AudienceRequest(Boolean all, List<Long> villageIds, List<Long> constituencyIds, List<Long> categoryIds, Long townId) {
    }

    public record BroadcastRequest(
            @NotBlank @Size(max = 100) String title,
            @NotBlank @Size(max = 300) String summary,
            @NotBlank @Size(max = 20000) String body,
            @Size(max = 20) List<String> attachmentIds,
            @NotNull @Valid AudienceRequest audience,
            @NotEmpty List<DeliveryChannel> channels,
            OffsetDateTime scheduledAt,
            Boolean draft) {
    }

    /** A question about the policy to publish under it, in the office's words. */
    public record FaqRequest(@NotNull UUID caseId, @Size(max = 500) String question, @Size(max = 2000) String answer) {
    }

    public record BroadcastView(UUID id, String title, String summary, String body, List<String> attachmentIds, BroadcastState state,
            String stateLabel, List<BroadcastCommand> allowedCommands, Map<String, Object> audience, List<String> channels,
            OffsetDateTime scheduledAt, String author, String approver, OffsetDateTime createdAt, OffsetDateTime approvedAt,
            OffsetDateTime sendingAt, OffsetDateTime sentAt, Map<DeliveryChannel, Map<DeliveryStatus, Long>> counts) {
        static BroadcastView of(Broadcast b, Caller caller, Map<DeliveryChannel, Map<DeliveryStatus, Long>> counts) {
            return new BroadcastView(b.id, b.title, b.summary, b.body, List.of(b.attachmentIds), b.state, b.state.label(),
                    BroadcastRules.allowed(Actor.office(caller.username()), b),
                    Map.of("all", b.audienceAll, "villageIds", List.of(b.villageIds), "constituencyIds", List.of(b.constituencyIds),
                            "categoryIds", List.of(b.categoryIds)),
                    List.of(b.channels), b.scheduledAt, b.author, b.approver, b.createdAt, b.approvedAt, b.sendingAt, b.sentAt, counts);
        }
    }

    private final Broadcasts broadcasts;
    private final BroadcastDeliveries deliveries;
    private final SecurityIdentity identity;
    private final PolicyFaq faq;

    public BroadcastResource(Broadcasts broadcasts, BroadcastDeliveries deliveries, SecurityIdentity identity, PolicyFaq faq) {
        this.faq = faq;
        this.broadcasts = broadcasts;
        this.deliveries = deliveries;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Writes a broadcast; it waits for a second office account's approval (or stays a draft with draft=true)")
    public Uni<Response> create(@Valid @NotNull BroadcastRequest request) {
        Caller caller = Caller.of(identity);
        return broadcasts.create(request, caller).chain(b -> view(b, caller)).map(v -> Created.at("/api/broadcasts", v.id(), v));
    }

    @GET
    @Operation(summary = "Broadcasts, newest first")
    public Uni<Page<BroadcastView>> list(@Valid @BeanParam PageRequest page) {
        Caller caller = Caller.of(identity);
        return broadcasts.page(page).map(p -> p.map(b -> BroadcastView.of(b, caller, Map.of())));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A broadcast: its state and, once it goes out, how many rows per channel are in each status")
    public Uni<BroadcastView> get(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return broadcasts.find(id).chain(b -> view(b, caller));
    }

    @POST
    @Path("{id}/submit")
    @Operation(summary = "Submits a draft for approval")
    public Uni<BroadcastView> submit(@PathParam("id") UUID id) {
        return command(id, BroadcastCommand.SUBMIT);
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approves a broadcast (not its author): it goes out now, or at its scheduledAt")
    public Uni<BroadcastView> approve(@PathParam("id") UUID id) {
        return command(id, BroadcastCommand.APPROVE);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Withdraws a broadcast that has not started going out")
    public Uni<BroadcastView> cancel(@PathParam("id") UUID id) {
        return command(id, BroadcastCommand.CANCEL);
    }

    @POST
    @Path("{id}/retry-failed")
    @Operation(summary = "Sends the failed SMS again, and only those")
    public Uni<BroadcastView> retryFailed(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return broadcasts.retryFailed(id, caller).chain(b -> view(b, caller));
    }

    @GET
    @Path("{id}/figures")
    @Operation(summary = "Reach (residents reached ÷ residents in the audience), read rate in the mini-program and questions,"
            + " for the whole broadcast and per village")
    public Uni<BroadcastDeliveries.FiguresView> figures(@PathParam("id") UUID id) {
        return broadcasts.find(id).chain(b -> deliveries.figures(b.id));
    }

    @GET
    @Path("{id}/questions")
    @Operation(summary = "The questions residents asked about the policy, newest first, with their answers and whether they are in its FAQ")
    public Uni<List<PolicyFaq.AskedQuestion>> questions(@PathParam("id") UUID id) {
        return broadcasts.find(id).chain(b -> faq.questions(b.id));
    }

    @POST
    @Path("{id}/faq")
    @Operation(summary = "Publishes an answered question under the policy (its FAQ in the mini-program); again: rewords it")
    public Uni<Response> publish(@PathParam("id") UUID id, @Valid @NotNull FaqRequest request) {
        Caller caller = Caller.of(identity);
        return broadcasts.find(id).chain(b -> faq.publish(b.id, request.caseId(), request.question(), request.answer(), caller.username()))
                .map(entry -> Response.status(201).entity(entry).build());
    }

    @GET
    @Path("{id}/recipients")
    @Operation(summary = "Every recipient's row (numbers masked), optionally of one status")
    public Uni<Page<BroadcastDeliveries.Recipient>> recipients(@PathParam("id") UUID id, @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        DeliveryStatus wanted = status == null || status.isBlank() ? null : parse(status);
        return broadcasts.find(id).chain(b -> deliveries.recipients(b.id, wanted, page.page, page.size));
    }

    private static DeliveryStatus parse(String status) {
        try {
            return DeliveryStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "one of " + List.of(DeliveryStatus.values()));
        }
    }

    private Uni<BroadcastView> command(UUID id, BroadcastCommand command) {
        Caller caller = Caller.of(identity);
        return broadcasts.command(id, command, caller).chain(b -> view(b, caller));
    }

    private Uni<BroadcastView> view(Broadcast b, Caller caller) {
        return deliveries.counts(b.id).map(counts -> BroadcastView.of(b, caller, counts));
    }
}
