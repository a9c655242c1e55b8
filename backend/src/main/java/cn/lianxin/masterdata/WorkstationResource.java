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
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/workstations")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Master data")
public class WorkstationResource {

    public record WorkstationRequest(
            @NotNull Long townId,
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 200) String place,
            @NotBlank @Size(max = 100) String signage,
            @NotBlank @Size(max = 200) String serviceTheme,
            @NotBlank @Size(max = 50) String liaisonName,
            @Size(max = 32) String liaisonPhone,
            @NotNull @Size(min = 1, message = "must cover at least one village") Set<@NotNull Long> villageIds) {
    }

    public record WorkstationView(long id, long townId, String name, String place, String signage, String serviceTheme,
            String liaisonName, String liaisonPhone, Set<Long> villageIds, boolean active) {
        static WorkstationView of(Workstation w) {
            return new WorkstationView(w.id, w.townId, w.name, w.place, w.signage, w.serviceTheme, w.liaisonName,
                    w.liaisonPhoneMasked, new TreeSet<>(w.villageIds), w.active);
        }
    }

    private final Lookups lookups;
    private final Workstations workstations;

    public WorkstationResource(Lookups lookups, Workstations workstations) {
        this.lookups = lookups;
        this.workstations = workstations;
    }

    @GET
    @WithSession
    public Uni<Page<WorkstationView>> list(@Valid @BeanParam PageRequest page, @QueryParam("villageId") Long villageId,
            @QueryParam("active") Boolean active) {
        return workstations.list(page, villageId, active).map(p -> p.map(WorkstationView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<WorkstationView> get(@PathParam("id") long id) {
        return lookups.existing(Workstation.class, id).map(WorkstationView::of);
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull WorkstationRequest request) {
        return workstations.create(request).map(w -> Created.at("/api/workstations", w.id, WorkstationView.of(w)));
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<WorkstationView> update(@PathParam("id") long id, @Valid @NotNull WorkstationRequest request) {
        return workstations.update(id, request).map(WorkstationView::of);
    }

    @POST
    @Path("{id}/deactivate")
    @WithTransaction
    public Uni<WorkstationView> deactivate(@PathParam("id") long id) {
        return lookups.deactivate(Workstation.class, id).map(WorkstationView::of);
    }

}
