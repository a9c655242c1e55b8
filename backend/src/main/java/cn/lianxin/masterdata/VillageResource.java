package cn.lianxin.masterdata;

import cn.lianxin.api.Created;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/villages")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Master data")
public class VillageResource {

    /** The village's town is its constituency's town. */
    public record VillageRequest(@NotNull Long constituencyId, @NotBlank @Size(max = 100) String name) {
    }

    public record VillageView(long id, long townId, long constituencyId, String name, boolean active) {
        static VillageView of(Village v) {
            return new VillageView(v.id, v.townId, v.constituencyId, v.name, v.active);
        }
    }

    private final Lookups lookups;
    private final Villages villages;

    public VillageResource(Lookups lookups, Villages villages) {
        this.lookups = lookups;
        this.villages = villages;
    }

    @GET
    @WithSession
    public Uni<Page<VillageView>> list(@Valid @BeanParam PageRequest page, @QueryParam("constituencyId") Long constituencyId,
            @QueryParam("active") Boolean active) {
        return villages.list(page, constituencyId, active).map(p -> p.map(VillageView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<VillageView> get(@PathParam("id") long id) {
        return lookups.existing(Village.class, id).map(VillageView::of);
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull VillageRequest request) {
        return villages.create(request).map(v -> Created.at("/api/villages", v.id, VillageView.of(v)));
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<VillageView> update(@PathParam("id") long id, @Valid @NotNull VillageRequest request) {
        return villages.update(id, request).map(VillageView::of);
    }

    @POST
    @Path("{id}/deactivate")
    @WithTransaction
    public Uni<VillageView> deactivate(@PathParam("id") long id) {
        return lookups.deactivate(Village.class, id).map(VillageView::of);
    }

}
