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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/towns")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Master data")
public class TownResource {

    public record TownRequest(
            @NotNull @Pattern(regexp = "[A-Z]{2,6}", message = "must be 2 to 6 capital letters") String code,
            @NotBlank @Size(max = 100) String name) {
    }

    public record TownView(long id, String code, String name, boolean active) {
        static TownView of(Town t) {
            return new TownView(t.id, t.code, t.name, t.active);
        }
    }

    private final Lookups lookups;
    private final Towns towns;

    public TownResource(Lookups lookups, Towns towns) {
        this.lookups = lookups;
        this.towns = towns;
    }

    @GET
    @WithSession
    public Uni<Page<TownView>> list(@Valid @BeanParam PageRequest page) {
        return towns.list(page).map(p -> p.map(TownView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<TownView> get(@PathParam("id") long id) {
        return lookups.existing(Town.class, id).map(TownView::of);
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull TownRequest request) {
        return towns.create(request).map(t -> Created.at("/api/towns", t.id, TownView.of(t)));
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<TownView> update(@PathParam("id") long id, @Valid @NotNull TownRequest request) {
        return towns.update(id, request).map(TownView::of);
    }
}
