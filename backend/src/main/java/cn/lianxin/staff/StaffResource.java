package cn.lianxin.staff;

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

/** Staff accounts, managed by the town office. Liaisons and representatives are tied to their workstation. */
@Path("/api/staff")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Staff")
public class StaffResource {

    public record StaffRequest(
            @NotNull @Pattern(regexp = "[a-z0-9_.-]{3,40}", message = "must be 3 to 40 lower-case letters, digits, '_', '.' or '-'") String username,
            @NotBlank @Size(max = 50) String displayName,
            @NotNull @Size(min = 10, max = 200, message = "must have at least 10 characters") String password,
            @NotNull StaffRole role,
            Long workstationId,
            Long representativeId) {
    }

    /** A change to an account: the username stays; a password given replaces the old one, none keeps it. */
    public record StaffUpdate(
            @NotBlank @Size(max = 50) String displayName,
            @Size(min = 10, max = 200, message = "must have at least 10 characters") String password,
            @NotNull StaffRole role,
            Long workstationId,
            Long representativeId) {
    }

    public record StaffView(long id, String username, String displayName, StaffRole role, Long workstationId,
            Long representativeId, boolean active) {
        static StaffView of(StaffAccount a) {
            return new StaffView(a.id, a.username, a.displayName, a.role, a.workstationId, a.representativeId, a.active);
        }
    }

    private final StaffAccounts accounts;

    public StaffResource(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @GET
    @WithSession
    public Uni<Page<StaffView>> list(@Valid @BeanParam PageRequest page, @QueryParam("workstationId") Long workstationId,
            @QueryParam("role") StaffRole role) {
        return accounts.list(page, workstationId, role).map(p -> p.map(StaffView::of));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull StaffRequest request) {
        return accounts.create(request).map(a -> Created.at("/api/staff", a.id, StaffView.of(a)));
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<StaffView> update(@PathParam("id") long id, @Valid @NotNull StaffUpdate request) {
        return accounts.update(id, request).map(StaffView::of);
    }

    @POST
    @Path("{id}/deactivate")
    @WithTransaction
    public Uni<StaffView> deactivate(@PathParam("id") long id) {
        return accounts.deactivate(id).map(StaffView::of);
    }
}
