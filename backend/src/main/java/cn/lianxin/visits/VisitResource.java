package cn.lianxin.visits;

import cn.lianxin.api.Created;
import cn.lianxin.api.Roles;
import cn.lianxin.attachments.FileView;
import cn.lianxin.cases.domain.Channel;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 走访: recording visits, the due visits of a period, and village coverage — each scoped to the caller ({@link VisitScope}). */
@Path("/api/visits")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Tag(name = "Visits")
public class VisitResource {

    public record IssueRequest(@NotBlank @Size(max = 2000) String text, Long categoryId, @Size(max = 50) String residentName,
            @Size(max = 32) String residentPhone, boolean settled) {
    }

    public record VisitRequest(Long representativeId, @NotNull Long villageId, @NotNull LocalDate visitedAt,
            @NotBlank @Size(max = 200) String metWith, @NotBlank @Size(max = 4000) String summary,
            @Size(max = 20) List<@Valid @NotNull IssueRequest> issues,
            @Size(max = 9) List<@NotNull UUID> photoIds) {
    }

    public record VisitView(UUID id, long representativeId, long villageId, LocalDate visitedAt, String metWith, String summary,
            Channel channel, String recordedBy, OffsetDateTime recordedAt, List<UUID> caseIds, List<FileView> photos) {
        static VisitView of(Visit v, List<UUID> caseIds, List<FileView> photos) {
            return new VisitView(v.id, v.representativeId, v.villageId, v.visitedOn, v.metWith, v.summary, v.channel, v.recordedBy,
                    v.recordedAt, caseIds, photos);
        }
    }

    private final VisitRecords records;
    private final VisitCoverage coverage;
    private final SecurityIdentity identity;

    VisitResource(VisitRecords records, VisitCoverage coverage, SecurityIdentity identity) {
        this.records = records;
        this.coverage = coverage;
        this.identity = identity;
    }

    @POST
    @WithSession
    @Operation(summary = "Record a visit (a representative their own; a liaison or group leader for their workstation's); each issue"
            + " not settled on the spot becomes one VISIT case assigned to the visiting representative, without routing;"
            + " photoIds names the caller's uploads (POST /api/attachments, images) that become its photos")
    public Uni<Response> record(@Valid @NotNull VisitRequest r) {
        List<VisitRecords.Issue> issues = r.issues() == null ? List.of() : r.issues().stream()
                .map(i -> new VisitRecords.Issue(i.text(), i.categoryId(), i.residentName(), i.residentPhone(), i.settled())).toList();
        return records.record(Caller.of(identity), new VisitRecords.RecordVisit(r.representativeId(), r.villageId(), r.visitedAt(),
                        r.metWith(), r.summary(), issues, r.photoIds() == null ? List.of() : r.photoIds()), Channel.CONSOLE)
                .chain(done -> records.visible(Caller.of(identity), done.visit().id))
                .map(view -> Created.at("/api/visits", view.id(), view));
    }

    @GET
    @WithSession
    @Operation(summary = "Visits of a period (default: this one), newest first")
    public Uni<List<VisitView>> list(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        VisitCoverage.Period period = period(from, to);
        return records.list(Caller.of(identity), period.from(), period.to());
    }

    @GET
    @Path("{id}")
    @WithSession
    @Operation(summary = "One visit with the cases raised on it; another workstation's is 404")
    public Uni<VisitView> one(@PathParam("id") UUID id) {
        return records.visible(Caller.of(identity), id);
    }

    @GET
    @Path("{id}/photos/{photoId}")
    @WithSession
    @Operation(summary = "A photo of a visit the caller may see (its bytes); another workstation's visit is 404")
    public Uni<Response> photo(@PathParam("id") UUID id, @PathParam("photoId") UUID photoId) {
        return records.photo(Caller.of(identity), id, photoId).map(content -> content.answer().build());
    }

    @GET
    @Path("coverage")
    @WithSession
    @Operation(summary = "One row per village the caller answers for: NOT_STARTED, STARTED, DONE or LATE over the range (default:"
            + " this period), computed from the visit records")
    public Uni<List<VisitCoverage.VillageRow>> coverage(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        VisitCoverage.Period period = period(from, to);
        return coverage.coverage(Caller.of(identity), period.from(), period.to());
    }

    @GET
    @Path("plan")
    @WithSession
    @Operation(summary = "The visits due in the range (default: this period): one per representative and contact village per period,"
            + " on its first working day, with whether it was made")
    public Uni<List<VisitCoverage.PlannedVisit>> plan(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        VisitCoverage.Period period = period(from, to);
        return coverage.plans(Caller.of(identity), period.from(), period.to());
    }

    /** Both dates, or this period when either is missing. */
    private VisitCoverage.Period period(LocalDate from, LocalDate to) {
        return from == null || to == null ? coverage.periodOf(records.today()) : new VisitCoverage.Period(from, to);
    }

}
