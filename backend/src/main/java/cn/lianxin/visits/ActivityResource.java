package cn.lianxin.visits;

import cn.lianxin.api.Created;
import cn.lianxin.api.Roles;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The workstations' activity records (五有): receptions, study sessions, research visits, consultations. */
@Path("/api/activities")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Visits")
public class ActivityResource {

    public record ActivityRequest(Long workstationId, @NotNull Activity.Kind kind, @NotNull LocalDate heldOn,
            @NotBlank @Size(max = 200) String place, @NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 8000) String minutes,
            @Size(max = 50) Set<@NotNull Long> representativeIds, @Size(max = 1000) String otherAttendees) {
    }

    public record ActivityView(UUID id, long workstationId, Activity.Kind kind, String kindLabel, LocalDate heldOn, String place,
            String title, String minutes, Set<Long> representativeIds, String otherAttendees, String recordedBy, OffsetDateTime recordedAt) {
        static ActivityView of(Activity a) {
            return new ActivityView(a.id, a.workstationId, a.kind, a.kind.label(), a.heldOn, a.place, a.title, a.minutes,
                    Set.copyOf(a.representativeIds), a.otherAttendees, a.recordedBy, a.recordedAt);
        }
    }

    private final Activities activities;
    private final VisitRecords records;
    private final SecurityIdentity identity;

    ActivityResource(Activities activities, VisitRecords records, SecurityIdentity identity) {
        this.activities = activities;
        this.records = records;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
    @Operation(summary = "Record an activity of the caller's workstation (the town office names the workstation)")
    public Uni<Response> record(@Valid @NotNull ActivityRequest r) {
        return activities.record(Caller.of(identity), new Activities.RecordActivity(r.workstationId(), r.kind(), r.heldOn(), r.place(),
                r.title(), r.minutes(), r.representativeIds(), r.otherAttendees()))
                .map(a -> Created.at("/api/activities", a.id, ActivityView.of(a)));
    }

    @GET
    @WithSession
    @Operation(summary = "Activities of a range (default: the last 90 days), the caller's workstation's (the office: all)")
    public Uni<List<ActivityView>> list(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        LocalDate end = to == null ? records.today() : to;
        return activities.list(Caller.of(identity), from == null ? end.minusDays(90) : from, end)
                .map(list -> list.stream().map(ActivityView::of).toList());
    }
}
