package cn.lianxin.work;

import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.work.ParkedWork.ParkedItem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The town office's view of work that could not be done: items parked after their last attempt, in every queue,
 * with the reason; and a retry once the cause is fixed (a category re-activated, a provider back).
 */
@Path("/api/work/parked")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Work")
public class ParkedWorkResource {

    private final ParkedWork parked;

    public ParkedWorkResource(ParkedWork parked) {
        this.parked = parked;
    }

    @GET
    @Operation(summary = "Items parked after their last attempt, in every queue, newest first")
    public Uni<Page<ParkedItem>> parked(@Valid @BeanParam PageRequest page) {
        return parked.page(page);
    }

    @POST
    @Path("{queue}/{id}/retry")
    @Operation(summary = "Makes a parked item due again now; it gets one more attempt, and is parked again if that fails")
    public Uni<ParkedItem> retry(@PathParam("queue") String name, @PathParam("id") long id) {
        return parked.retry(name, id);
    }
}
