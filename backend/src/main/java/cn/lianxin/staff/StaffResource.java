package cn.lianxin.staff;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Created;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Workstation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

    public record StaffView(long id, String username, String displayName, StaffRole role, Long workstationId,
            Long representativeId, boolean active) {
        static StaffView of(StaffAccount a) {
            return new StaffView(a.id, a.username, a.displayName, a.role, a.workstationId, a.representativeId, a.active);
        }
    }

    private final Lookups lookups;
    private final PasswordHasher hasher;
    private final Vertx vertx;

    public StaffResource(Lookups lookups, PasswordHasher hasher, Vertx vertx) {
        this.lookups = lookups;
        this.hasher = hasher;
        this.vertx = vertx;
    }

    @GET
    @WithSession
    public Uni<Page<StaffView>> list(@Valid @BeanParam PageRequest page, @QueryParam("workstationId") Long workstationId,
            @QueryParam("role") StaffRole role) {
        Filters filters = new Filters().with("workstationId = :workstationId", "workstationId", workstationId).with("role = :role", "role", role);
        return Filters.page(StaffAccount.find(filters.where("username"), filters.parameters()), page, StaffView::of);
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull StaffRequest request) {
        return placement(request)
                .chain(account -> vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(request.password())))
                        .chain(hash -> {
                            account.passwordHash = hash;
                            return account.<StaffAccount>persist();
                        }))
                .map(a -> Created.at("/api/staff", a.id, StaffView.of(a)));
    }

    @POST
    @Path("{id}/deactivate")
    @WithTransaction
    public Uni<StaffView> deactivate(@PathParam("id") long id) {
        return lookups.deactivate(StaffAccount.class, id).map(StaffView::of);
    }

    /** Checks that the role has the workstation and representative it needs, and that they belong together. */
    private Uni<StaffAccount> placement(StaffRequest request) {
        boolean needsWorkstation = request.role() != StaffRole.TOWN_OFFICE;
        boolean needsRepresentative = request.role() == StaffRole.GROUP_LEADER || request.role() == StaffRole.REPRESENTATIVE;
        if (needsWorkstation && request.workstationId() == null) {
            throw ApiException.invalidField("workstationId", "is required for the role " + request.role());
        }
        if (needsRepresentative != (request.representativeId() != null)) {
            throw ApiException.invalidField("representativeId", needsRepresentative
                    ? "is required for the role " + request.role() : "must be empty for the role " + request.role());
        }
        return lookups.reference(Workstation.class, needsWorkstation ? request.workstationId() : null, "workstationId")
                .chain(() -> lookups.reference(Representative.class, request.representativeId(), "representativeId"))
                .map(representative -> {
                    if (representative != null && !representative.workstationId.equals(request.workstationId())) {
                        throw ApiException.invalidField("representativeId", "belongs to another workstation");
                    }
                    StaffAccount account = new StaffAccount();
                    account.username = request.username();
                    account.displayName = request.displayName().strip();
                    account.role = request.role();
                    account.workstationId = needsWorkstation ? request.workstationId() : null;
                    account.representativeId = request.representativeId();
                    return account;
                });
    }
}
