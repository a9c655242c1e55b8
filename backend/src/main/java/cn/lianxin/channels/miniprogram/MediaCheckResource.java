package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.ApiException;
import cn.lianxin.attachments.Uploads;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where WeChat's content check fetches a resident's photo: media_check_async takes a URL, not the bytes. The path
 * carries a one-time token of 256 random bits (only its digest is stored) that opens one photo for an hour; any other
 * token is an unknown path.
 */
@Path(MediaCheckResource.PATH)
@PermitAll
@Tag(name = "Mini-program channel")
public class MediaCheckResource {

    static final String PATH = "/api/public/media-check";

    private final MediaChecks checks;
    private final Uploads uploads;

    public MediaCheckResource(MediaChecks checks, Uploads uploads) {
        this.checks = checks;
        this.uploads = uploads;
    }

    @GET
    @Path("{token}")
    @WithSession
    @Operation(summary = "A resident's photo for WeChat's content check, by the one-time token of its check")
    public Uni<Response> photo(@PathParam("token") String token) {
        return checks.photoFor(token).chain(id -> {
            if (id == null) {
                throw ApiException.notFound("This path");
            }
            return uploads.readForCheck(id);
        }).map(content -> content.answer().header("Cache-Control", "no-store").build());
    }
}
