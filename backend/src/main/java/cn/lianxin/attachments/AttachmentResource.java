package cn.lianxin.attachments;

import cn.lianxin.api.Roles;
import cn.lianxin.staff.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Staff upload a file first, then name it in a reply ({@code attachmentIds}); until then only they may use it. */
@Path("/api/attachments")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Case lifecycle")
public class AttachmentResource {

    private final Uploads uploads;
    private final SecurityIdentity identity;

    public AttachmentResource(Uploads uploads, SecurityIdentity identity) {
        this.uploads = uploads;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "An attachment for a reply: JPEG, PNG, WebP or PDF by its bytes, size limited; 415 / 413 otherwise")
    public Uni<Response> upload(@RestForm("file") FileUpload file) {
        return uploads.storeAttachment(Caller.of(identity).username(), file)
                .map(u -> Response.status(Response.Status.CREATED).entity(FileView.of(u, null)).build());
    }
}
