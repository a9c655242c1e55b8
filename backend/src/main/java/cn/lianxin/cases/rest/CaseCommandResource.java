package cn.lianxin.cases.rest;

import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.cases.CaseCommands;
import cn.lianxin.api.Roles;
import cn.lianxin.staff.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The six steps as commands on a case. Each answers the case as it now is; 404 when the caller cannot see the
 * case, 403 when they may see but not do this, 409 when the case's step does not accept it (the problem names
 * the step and the commands it accepts), 422 when what the command needs is missing.
 */
@Path("/api/cases/{id}/commands")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Case lifecycle")
public class CaseCommandResource {

    private final CaseCommands commands;
    private final SecurityIdentity identity;

    public CaseCommandResource(CaseCommands commands, SecurityIdentity identity) {
        this.commands = commands;
        this.identity = identity;
    }

    @POST
    @Path("village")
    @Operation(summary = "补登村庄: fill in the village of a case that arrived without one (SMS); an unassigned case is routed then")
    public Uni<CaseResource.CaseView> village(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.VillageRequest r) {
        return run(id, CommandRequests.SET_VILLAGE.of(r));
    }

    @POST
    @Path("assign")
    @Operation(summary = "分派: place a case from the dispatch queue with a representative")
    public Uni<CaseResource.CaseView> assign(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.AssignRequest r) {
        return run(id, CommandRequests.ASSIGN.of(r));
    }

    @POST
    @Path("sign-for")
    @Operation(summary = "签收: the assigned representative takes the case (登记 → 接待)")
    public Uni<CaseResource.CaseView> signFor(@PathParam("id") UUID id) {
        return run(id, CommandRequests.SIGN_FOR.of(null));
    }

    @POST
    @Path("handling")
    @Operation(summary = "Choose 当场办 / 请示办 / 限时办 (接待 → 处理)")
    public Uni<CaseResource.CaseView> handling(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.HandlingRequest r) {
        return run(id, CommandRequests.CHOOSE_HANDLING.of(r));
    }

    @POST
    @Path("notes")
    @Operation(summary = "Add a progress note")
    public Uni<CaseResource.CaseView> note(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.TextRequest r) {
        return run(id, CommandRequests.ADD_NOTE.of(r));
    }

    @POST
    @Path("escalate")
    @Operation(summary = "请示: escalate to the town committee for instruction; no reply until it is recorded")
    public Uni<CaseResource.CaseView> escalate(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.TextRequest r) {
        return run(id, CommandRequests.ESCALATE.of(r));
    }

    @POST
    @Path("instruction")
    @Operation(summary = "Record the instruction received for an escalation")
    public Uni<CaseResource.CaseView> instruction(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.TextRequest r) {
        return run(id, CommandRequests.RECORD_INSTRUCTION.of(r));
    }

    @POST
    @Path("transfer")
    @Operation(summary = "转办: hand the case to another representative, with the reason; they sign for it anew")
    public Uni<CaseResource.CaseView> transfer(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.TransferRequest r) {
        return run(id, CommandRequests.TRANSFER.of(r));
    }

    @POST
    @Path("return")
    @Operation(summary = "退回: send the case back to the dispatch queue, with the reason")
    public Uni<CaseResource.CaseView> returnToDispatch(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.TextRequest r) {
        return run(id, CommandRequests.RETURN_TO_DISPATCH.of(r));
    }

    @POST
    @Path("reply")
    @Operation(summary = "回复: the answer to the resident, sent on their channel (处理 → 回复)")
    public Uni<CaseResource.CaseView> reply(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.ReplyRequest r) {
        return run(id, CommandRequests.REPLY.of(r));
    }

    @POST
    @Path("feedback")
    @Operation(summary = "反馈: record the resident's rating (回复 → 反馈)")
    public Uni<CaseResource.CaseView> feedback(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.FeedbackRequest r) {
        return run(id, CommandRequests.RECORD_FEEDBACK.of(r));
    }

    @POST
    @Path("reopen")
    @Operation(summary = "Reopen after 不满意: once with the representative, after that with the group leader")
    public Uni<CaseResource.CaseView> reopen(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.TextRequest r) {
        return run(id, CommandRequests.REOPEN.of(r));
    }

    @POST
    @Path("revisit")
    @Operation(summary = "回访: record a follow-up visit or call and its outcome (CARRIED_OUT, NOT_CARRIED_OUT, NOT_REACHED); counts as asking for feedback; also after archiving; NOT_CARRIED_OUT reopens the case with the group leader")
    public Uni<CaseResource.CaseView> revisit(@PathParam("id") UUID id, @Valid @NotNull CommandRequests.RevisitRequest r) {
        return run(id, CommandRequests.REVISIT.of(r));
    }

    @POST
    @Path("archive")
    @Operation(summary = "归档: close the case; only after a delivered reply and a feedback attempt (件件有回音)")
    public Uni<CaseResource.CaseView> archive(@PathParam("id") UUID id) {
        return run(id, CommandRequests.ARCHIVE.of(null));
    }

    private Uni<CaseResource.CaseView> run(UUID id, CaseCommand command) {
        Caller caller = Caller.of(identity);
        return commands.give(id, command, caller).map(c -> CaseResource.CaseView.of(c, caller));
    }
}
