package cn.lianxin.residents;

import cn.lianxin.audit.ReadAudit;
import cn.lianxin.rights.ResidentData;
import cn.lianxin.rights.ResidentErasure;
import cn.lianxin.api.ApiException;
import cn.lianxin.api.Created;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Residents registered by staff at the desk (walk-ins, phone calls); channels add their own identities later. The
 * town office and liaisons register and find them ({@link ResidentDirectory} says which a liaison may find).
 */
@Path("/api/residents")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON})
@Tag(name = "Residents")
public class ResidentResource {

    public record ResidentRequest(@NotBlank @Size(max = 50) String name, @NotBlank @Size(max = 32) String phone, Long villageId) {
    }

    /** The phone number is shown masked, always. */
    public record ResidentView(UUID id, String name, Long villageId, String phone, boolean miniProgram) {
        static ResidentView of(Resident r) {
            return new ResidentView(r.id, r.name, r.villageId, r.phoneMasked, r.openid != null);
        }
    }

    private final ResidentDirectory directory;
    private final ReadAudit audit;
    private final ResidentData data;
    private final ResidentErasure erasure;
    private final SecurityIdentity identity;

    public ResidentResource(ResidentDirectory directory, SecurityIdentity identity, ReadAudit audit, ResidentData data,
            ResidentErasure erasure) {
        this.audit = audit;
        this.data = data;
        this.erasure = erasure;
        this.directory = directory;
        this.identity = identity;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Register a resident by phone number; a number already known returns that resident (200), not a second one;"
            + " a liaison registers residents of their own town's villages")
    public Uni<Response> register(@Valid @NotNull ResidentRequest request) {
        return directory.register(Caller.of(identity), request.name(), request.phone(), request.villageId())
                .map(r -> r.created() ? Created.at("/api/residents", r.resident().id, ResidentView.of(r.resident()))
                        : Response.ok(ResidentView.of(r.resident())).build());
    }

    @GET
    @WithSession
    @Operation(summary = "Residents, newest first; name matches from its start. A liaison must give the exact phone number (anyone)"
            + " or a name (residents of their own town's villages)")
    public Uni<Page<ResidentView>> list(@Valid @BeanParam PageRequest page, @QueryParam("villageId") Long villageId,
            @QueryParam("phone") @Size(max = 32) String phone, @QueryParam("name") @Size(max = 50) String name) {
        return directory.find(Caller.of(identity), new ResidentDirectory.Query(phone, name, villageId), page)
                .map(p -> p.map(ResidentView::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.TOWN_OFFICE)
    @WithSession
    public Uni<ResidentView> get(@PathParam("id") UUID id) {
        return Resident.<Resident>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("Resident " + id))
                .call(r -> audit.record(Caller.of(identity), ReadAudit.Action.RESIDENT_DATA, ReadAudit.Read.ofResident(r.id)))
                .map(ResidentView::of);
    }

    @GET
    @Path("{id}/data")
    @RolesAllowed(Roles.TOWN_OFFICE)
    @Operation(summary = "Everything held about a resident, for their request made at the office (an SMS resident has no mini-program)")
    public Uni<Response> data(@PathParam("id") UUID id) {
        return data.readBy(Caller.of(identity), id).map(document -> Response.ok(document.encode(), MediaType.APPLICATION_JSON_TYPE).build());
    }

    @POST
    @Path("{id}/erasure")
    @RolesAllowed(Roles.TOWN_OFFICE)
    @Operation(summary = "Erases a resident's personal data on their request; their cases stay, anonymised, in the figures")
    public Uni<ResidentErasure.Erased> erase(@PathParam("id") UUID id) {
        return erasure.erase(id, ResidentErasure.Via.TOWN_OFFICE, Caller.of(identity).username())
                .onItem().ifNull().failWith(() -> ApiException.notFound("Resident " + id + " (or erased already)"));
    }
}
