package cn.lianxin.audit;

import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The read audit, for the town office only. */
@Path("/api/audit")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Audit")
public class AuditResource {

    private final ZoneId townZone;

    public AuditResource(@ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.townZone = townZone;
    }

    @GET
    @WithSession
    @Operation(summary = "Who read which case or resident, when and through which endpoint or page; newest first")
    public Uni<Page<AuditSearch.Entry>> search(@Valid @BeanParam PageRequest page, @QueryParam("caseId") UUID caseId,
            @QueryParam("residentId") UUID residentId, @QueryParam("actor") @Size(max = 100) String actor,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        return new AuditSearch(caseId, residentId, actor, from, to).page(townZone, page);
    }
}
