package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.Roles;
import cn.lianxin.cases.CaseLifecycle;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The photos a resident sent with their case, for the staff who may see the case (scoped like the case itself). */
@Path("/api/cases/{caseId}/photos")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Cases")
public class CasePhotoResource {

    public record PhotoView(UUID id, String contentType, long size, String sha256, String url) {
    }

    private final CaseLifecycle lifecycle;
    private final Uploads uploads;
    private final SecurityIdentity identity;

    public CasePhotoResource(CaseLifecycle lifecycle, Uploads uploads, SecurityIdentity identity) {
        this.lifecycle = lifecycle;
        this.uploads = uploads;
        this.identity = identity;
    }

    @GET
    @WithSession
    @Operation(summary = "The case's photos (from the mini-program), oldest first")
    public Uni<List<PhotoView>> list(@PathParam("caseId") UUID caseId) {
        return lifecycle.visible(caseId, Caller.of(identity)).chain(c -> uploads.ofCase(c.id)).map(photos -> photos.stream()
                .map(u -> new PhotoView(u.id, u.contentType, u.size, u.sha256, "/api/cases/" + caseId + "/photos/" + u.id)).toList());
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Response> photo(@PathParam("caseId") UUID caseId, @PathParam("id") UUID id) {
        return lifecycle.visible(caseId, Caller.of(identity)).chain(c -> uploads.readOfCase(c.id, id))
                .map(content -> Response.ok(content.bytes(), content.contentType()).header("X-Content-Type-Options", "nosniff").build());
    }
}
