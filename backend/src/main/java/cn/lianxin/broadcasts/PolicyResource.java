package cn.lianxin.broadcasts;

import cn.lianxin.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 政策 in the mini-program: the signed-in resident's feed, a policy, and 我有疑问. */
@Path("/api/mp/policies")
@RolesAllowed(Roles.RESIDENT)
@Tag(name = "Mini-program")
public class PolicyResource {

    public record QuestionRequest(@NotBlank @Size(max = 500) String text) {
    }

    private final PolicyFeed feed;
    private final JsonWebToken jwt;

    public PolicyResource(PolicyFeed feed, JsonWebToken jwt) {
        this.feed = feed;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "Policies for my village (and sent to me), newest first; read ones marked")
    public Uni<List<PolicyFeed.PolicyItem>> policies() {
        return feed.feed(me());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A policy with the representatives who carry it in my village; opening it records the read once")
    public Uni<PolicyFeed.Policy> policy(@PathParam("id") UUID id) {
        return feed.open(me(), id);
    }

    @POST
    @Path("{id}/questions")
    @Operation(summary = "我有疑问: a case linked to the policy, for the representative who carries it in my village; the"
            + " Idempotency-Key header makes a retry return the first case (200) instead of a second")
    public Uni<Response> ask(@PathParam("id") UUID id, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull QuestionRequest request) {
        return feed.ask(me(), id, request.text(), idempotencyKey)
                .map(a -> Response.status(a.first() ? 201 : 200).location(URI.create("/api/mp/cases/" + a.question().caseId()))
                        .entity(a.question()).build());
    }

    private UUID me() {
        return UUID.fromString(jwt.getSubject());
    }
}
