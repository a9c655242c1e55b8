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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/representatives")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Master data")
public class RepresentativeResource {

    public record RepresentativeRequest(
            @NotBlank @Size(max = 50) String name,
            @NotNull Long workstationId,
            @NotNull Long constituencyId,
            Long residenceVillageId,
            @NotNull Set<@NotNull WorkField> workFields,
            @NotNull @Size(max = 10) List<@NotBlank @Size(max = 30) String> specialties,
            @NotNull Set<@NotNull Long> contactVillageIds,
            @Pattern(regexp = "[A-Za-z0-9_.@-]{1,64}", message = "must be a WeCom user id") String wecomUserId,
            boolean groupLeader,
            // 五公开: shown on the public pages (the mini-program's workstation list).
            @Size(max = 500) String photoUrl,
            @Size(max = 200) String receptionSchedule) {
    }

    public record RepresentativeView(long id, String name, long workstationId, long constituencyId, Long residenceVillageId,
            List<WorkField> workFields, List<String> specialties, Set<Long> contactVillageIds, String wecomUserId,
            boolean groupLeader, boolean active, String photoUrl, String receptionSchedule) {
        static RepresentativeView of(Representative r) {
            return new RepresentativeView(r.id, r.name, r.workstationId, r.constituencyId, r.residenceVillageId,
                    Arrays.stream(r.workFields).map(WorkField::valueOf).toList(), List.of(r.specialties),
                    new TreeSet<>(r.contactVillageIds), r.wecomUserId, r.groupLeader, r.active, r.photoUrl, r.receptionSchedule);
        }
    }

    private final Lookups lookups;
    private final Representatives representatives;

    public RepresentativeResource(Lookups lookups, Representatives representatives) {
        this.lookups = lookups;
        this.representatives = representatives;
    }

    @GET
    @WithSession
    public Uni<Page<RepresentativeView>> list(@Valid @BeanParam PageRequest page, @QueryParam("workstationId") Long workstationId,
            @QueryParam("active") Boolean active) {
        return representatives.list(page, workstationId, active).map(p -> p.map(RepresentativeView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<RepresentativeView> get(@PathParam("id") long id) {
        return lookups.existing(Representative.class, id).map(RepresentativeView::of);
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull RepresentativeRequest request) {
        return representatives.create(request).map(r -> Created.at("/api/representatives", r.id, RepresentativeView.of(r)));
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<RepresentativeView> update(@PathParam("id") long id, @Valid @NotNull RepresentativeRequest request) {
        return representatives.update(id, request).map(RepresentativeView::of);
    }

    @POST
    @Path("{id}/deactivate")
    @WithTransaction
    public Uni<RepresentativeView> deactivate(@PathParam("id") long id) {
        return lookups.deactivate(Representative.class, id).map(RepresentativeView::of);
    }

}
