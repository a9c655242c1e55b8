package cn.lianxin.cases.rest;

import cn.lianxin.audit.ReadAudit;
import cn.lianxin.api.Roles;
import cn.lianxin.attachments.FileView;
import cn.lianxin.attachments.Upload;
import cn.lianxin.attachments.Uploads;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseLifecycle;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A case's files for the staff who may see the case (scoped like the case itself: else 404): the photos the
 * resident sent with it (from the mini-program), and the files attached to its current reply. A photo WeChat's
 * content check found risky is hidden from staff until the town office has looked at it and released it.
 */
@Path("/api/cases/{caseId}")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Cases")
public class CaseFilesResource {

    private final CaseLifecycle lifecycle;
    private final Uploads uploads;
    private final SecurityIdentity identity;

    public CaseFilesResource(CaseLifecycle lifecycle, Uploads uploads, SecurityIdentity identity) {
        this.lifecycle = lifecycle;
        this.uploads = uploads;
        this.identity = identity;
    }

    @GET
    @Path("photos")
    @WithSession
    @Operation(summary = "The case's photos (from the mini-program), oldest first")
    public Uni<List<FileView>> photos(@PathParam("caseId") UUID caseId) {
        return list(caseId, "photos", c -> uploads.photosForStaffOf(c.id));
    }

    /** What the town office reviews: the case's photos WeChat's content check found risky, hidden from everyone else. */
    public record HiddenPhoto(UUID id, String contentType, long size, String url, String suggest, String label) {
        static HiddenPhoto of(UUID caseId, Upload u) {
            return new HiddenPhoto(u.id, u.contentType, u.size, CaseFilesResource.url(caseId, "photos", u.id), u.mediaSuggest, u.mediaLabel);
        }
    }

    @GET
    @Path("photos/hidden")
    @WithSession
    @RolesAllowed(Roles.TOWN_OFFICE)
    @Operation(summary = "The case's photos hidden from staff because WeChat's content check found them risky, for the office to review")
    public Uni<List<HiddenPhoto>> hiddenPhotos(@PathParam("caseId") UUID caseId) {
        return lifecycle.visible(caseId, Caller.of(identity)).chain(c -> uploads.hiddenPhotosOf(c.id))
                .map(found -> found.stream().map(u -> HiddenPhoto.of(caseId, u)).toList());
    }

    @POST
    @Path("photos/{id}/{decision: release|keep-hidden}")
    @WithTransaction
    @RolesAllowed(Roles.TOWN_OFFICE)
    @Operation(summary = "The office looked at a photo found risky: release shows it to staff again, keep-hidden keeps it hidden")
    public Uni<HiddenPhoto> review(@PathParam("caseId") UUID caseId, @PathParam("id") UUID id, @PathParam("decision") String decision) {
        return review(caseId, id, "release".equals(decision));
    }

    private Uni<HiddenPhoto> review(UUID caseId, UUID id, boolean release) {
        Caller caller = Caller.of(identity);
        return lifecycle.visible(caseId, caller).chain(c -> uploads.review(c.id, id, identity.getPrincipal().getName(), release))
                .map(u -> HiddenPhoto.of(caseId, u));
    }

    @GET
    @Path("photos/{id}")
    @WithSession
    @Operation(summary = "One photo's bytes")
    public Uni<Response> photo(@PathParam("caseId") UUID caseId, @PathParam("id") UUID id) {
        return file(caseId, id);
    }

    @GET
    @Path("attachments")
    @WithSession
    @Operation(summary = "The files attached to the case's current reply, in upload order")
    public Uni<List<FileView>> attachments(@PathParam("caseId") UUID caseId) {
        return list(caseId, "attachments", c -> uploads.replyAttachmentsOf(c.id, c.replyText != null));
    }

    @GET
    @Path("attachments/{id}")
    @WithSession
    @Operation(summary = "One reply attachment's bytes")
    public Uni<Response> attachment(@PathParam("caseId") UUID caseId, @PathParam("id") UUID id) {
        return file(caseId, id);
    }

    private Uni<List<FileView>> list(UUID caseId, String kind, Function<Case, Uni<List<Upload>>> files) {
        return lifecycle.visible(caseId, Caller.of(identity)).chain(c -> files.apply(c))
                .map(found -> found.stream().map(u -> FileView.of(u, url(caseId, kind, u.id))).toList());
    }

    /** Where a file of a case is fetched: {@code kind} is {@code photos} or {@code attachments}. */
    public static String url(UUID caseId, String kind, UUID fileId) {
        return "/api/cases/" + caseId + "/" + kind + "/" + fileId;
    }

    private Uni<Response> file(UUID caseId, UUID id) {
        return lifecycle.read(caseId, Caller.of(identity), ReadAudit.Action.CASE_FILE)
                .chain(c -> uploads.readOfCase(c.id, id, identity.hasRole(Roles.TOWN_OFFICE))).map(content -> content.answer().build());
    }
}
