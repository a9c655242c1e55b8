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

@Path("/api/constituencies")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Master data")
public class ConstituencyResource {

    public record ConstituencyRequest(@NotNull Long townId, @NotBlank @Size(max = 100) String name) {
    }

    public record ConstituencyView(long id, long townId, String name, boolean active) {
        static ConstituencyView of(Constituency c) {
            return new ConstituencyView(c.id, c.townId, c.name, c.active);
        }
    }

    private final Lookups lookups;
    private final Constituencies constituencies;

    public ConstituencyResource(Lookups lookups, Constituencies constituencies) {
        this.lookups = lookups;
        this.constituencies = constituencies;
    }

    @GET
    @WithSession
    public Uni<Page<ConstituencyView>> list(@Valid @BeanParam PageRequest page, @QueryParam("townId") Long townId,
            @QueryParam("active") Boolean active) {
        return constituencies.list(page, townId, active).map(p -> p.map(ConstituencyView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<ConstituencyView> get(@PathParam("id") long id) {
        return lookups.existing(Constituency.class, id).map(ConstituencyView::of);
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull ConstituencyRequest request) {
        return constituencies.create(request).map(c -> Created.at("/api/constituencies", c.id, ConstituencyView.of(c)));
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<ConstituencyView> update(@PathParam("id") long id, @Valid @NotNull ConstituencyRequest request) {
        return constituencies.update(id, request).map(ConstituencyView::of);
    }

    @POST
    @Path("{id}/deactivate")
    @WithTransaction
    public Uni<ConstituencyView> deactivate(@PathParam("id") long id) {
        return lookups.deactivate(Constituency.class, id).map(ConstituencyView::of);
    }

}
