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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/categories")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Master data")
public class CategoryResource {

    public record CategoryRequest(
            @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,39}", message = "must be lower-case letters, digits and dashes") String code,
            @NotBlank @Size(max = 50) String name,
            @NotNull WorkField workField) {
    }

    public record CategoryView(long id, String code, String name, WorkField workField, boolean active) {
        static CategoryView of(Category c) {
            return new CategoryView(c.id, c.code, c.name, c.workField, c.active);
        }
    }

    private final Lookups lookups;
    private final Categories categories;

    public CategoryResource(Lookups lookups, Categories categories) {
        this.lookups = lookups;
        this.categories = categories;
    }

    @GET
    @WithSession
    public Uni<Page<CategoryView>> list(@Valid @BeanParam PageRequest page, @QueryParam("workField") WorkField workField,
            @QueryParam("active") Boolean active) {
        return categories.list(page, workField, active).map(p -> p.map(CategoryView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<CategoryView> get(@PathParam("id") long id) {
        return lookups.existing(Category.class, id).map(CategoryView::of);
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull CategoryRequest request) {
        return categories.create(request).map(c -> Created.at("/api/categories", c.id, CategoryView.of(c)));
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<CategoryView> update(@PathParam("id") long id, @Valid @NotNull CategoryRequest request) {
        return categories.update(id, request).map(CategoryView::of);
    }

    @POST
    @Path("{id}/deactivate")
    @WithTransaction
    public Uni<CategoryView> deactivate(@PathParam("id") long id) {
        return lookups.deactivate(Category.class, id).map(CategoryView::of);
    }
}
