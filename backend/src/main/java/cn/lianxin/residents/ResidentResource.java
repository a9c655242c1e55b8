package cn.lianxin.residents;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Created;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Village;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.sms.PhoneNumber;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Residents registered by the town office (walk-ins, phone calls); channels add their own identities later. */
@Path("/api/residents")
@RolesAllowed(Roles.TOWN_OFFICE)
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

    private final Lookups lookups;
    private final PhoneVault phones;

    public ResidentResource(Lookups lookups, PhoneVault phones) {
        this.lookups = lookups;
        this.phones = phones;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Register a resident by phone number; a number already known returns that resident (200), not a second one")
    public Uni<Response> register(@Valid @NotNull ResidentRequest request) {
        PhoneNumber phone = parsePhone(request.phone());
        PhoneVault.Sealed sealed = phones.seal(phone);
        return lookups.reference(Village.class, request.villageId(), "villageId")
                .chain(() -> Resident.<Resident>find("phoneHash", (Object) sealed.hash()).<Resident>firstResult())
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(Response.ok(ResidentView.of(existing)).build())
                        : create(request, sealed));
    }

    @GET
    @WithSession
    public Uni<Page<ResidentView>> list(@Valid @BeanParam PageRequest page, @QueryParam("villageId") Long villageId,
            @QueryParam("phone") @Size(max = 32) String phone) {
        byte[] phoneHash = phone == null ? null : phones.hash(parsePhone(phone));
        Filters filters = new Filters().with("villageId = :villageId", "villageId", villageId)
                .with("phoneHash = :phoneHash", "phoneHash", phoneHash);
        return Filters.page(Resident.find(filters.where("createdAt desc, id"), filters.parameters()), page, ResidentView::of);
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<ResidentView> get(@PathParam("id") UUID id) {
        return Resident.<Resident>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("Resident " + id))
                .map(ResidentView::of);
    }

    private Uni<Response> create(ResidentRequest request, PhoneVault.Sealed sealed) {
        Resident resident = new Resident();
        resident.name = request.name().strip();
        resident.villageId = request.villageId();
        resident.phoneHash = sealed.hash();
        resident.phoneCipher = sealed.cipher();
        resident.phoneMasked = sealed.masked();
        return resident.<Resident>persist().map(r -> Created.at("/api/residents", r.id, ResidentView.of(r)));
    }

    private static PhoneNumber parsePhone(String raw) {
        return PhoneNumber.parse(raw).orElseThrow(() -> ApiException.invalidField("phone", "must be a mainland China mobile number"));
    }
}
