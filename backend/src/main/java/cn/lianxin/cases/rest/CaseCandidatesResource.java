package cn.lianxin.cases.rest;

import cn.lianxin.api.Roles;
import cn.lianxin.cases.DispatchCandidates;
import cn.lianxin.routing.RoutingPolicy;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Whom a case could be assigned to, before {@code POST …/commands/assign}: the routing policy's points and reasons. */
@Path("/api/cases/{id}/candidates")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Tag(name = "Case lifecycle")
public class CaseCandidatesResource {

    public record CandidateView(long representativeId, String name, long workstationId, boolean groupLeader, int openCases,
            BigDecimal score, List<String> reasons) {
        public static CandidateView of(RoutingPolicy.Scored s) {
            return new CandidateView(s.candidate().representativeId(), s.candidate().name(), s.candidate().workstationId(),
                    s.candidate().groupLeader(), s.candidate().openCaseLoad(), s.score().setScale(2, RoundingMode.HALF_UP), s.reasons());
        }
    }

    private final DispatchCandidates candidates;
    private final SecurityIdentity identity;

    public CaseCandidatesResource(DispatchCandidates candidates, SecurityIdentity identity) {
        this.candidates = candidates;
        this.identity = identity;
    }

    @GET
    @WithSession
    @Operation(summary = "分派候选: the best representatives to assign the case to, scored by the routing policy, with reason lines",
            description = "A liaison or group leader is offered their own workstation's active representatives, the town office "
                    + "the town's. 422 naming villageId when the case has no village yet (补登村庄 first).")
    public Uni<List<CandidateView>> candidates(@PathParam("id") UUID id) {
        return candidates.top(id, Caller.of(identity)).map(list -> list.stream().map(CandidateView::of).toList());
    }
}
