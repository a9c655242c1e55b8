package cn.lianxin.visits;

import cn.lianxin.api.Roles;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 回访 tasks. Their outcome is given to the case itself — {@code POST /api/cases/{caseId}/commands/revisit
 * {"outcome","text"}} — the one way a revisit is recorded, which the task's status reads.
 */
@Path("/api/revisits")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Visits")
public class RevisitResource {

    private final RevisitTasks tasks;
    private final SecurityIdentity identity;

    RevisitResource(RevisitTasks tasks, SecurityIdentity identity) {
        this.tasks = tasks;
        this.identity = identity;
    }

    @GET
    @WithSession
    @Operation(summary = "The generated revisit tasks the caller may see (不满意 first, then by due day); status DUE, OVERDUE or DONE")
    public Uni<List<RevisitTasks.Task>> list(@QueryParam("representativeId") Long representativeId,
            @QueryParam("status") RevisitTasks.Status status) {
        return tasks.list(Caller.of(identity), representativeId, status);
    }
}
