package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.ApiException;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.WorkField;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.visits.Activities;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 五公开 for anyone, without signing in: active workstations with their representatives (name, photo, fields,
 * reception schedule — never a phone number), villages and categories. What the mini-program's browse pages show.
 */
@Path("/api/public")
@PermitAll
@Tag(name = "Public")
public class PublicResource {

    /** {@code workFields} by their Chinese names (道路交通, 矛盾调解 …): the public never reads codes. */
    public record RepresentativeCard(long id, String name, String photoUrl, List<String> workFields, List<String> specialties,
            String receptionSchedule, boolean groupLeader) {
        static RepresentativeCard of(Representative r) {
            return new RepresentativeCard(r.id, r.name, r.photoUrl, Stream.of(r.workFields).map(WorkField::labelOf).toList(),
                    List.of(r.specialties), r.receptionSchedule, r.groupLeader);
        }
    }

    public record WorkstationCard(long id, String name, String place, String signage, String serviceTheme, String liaisonName,
            List<Long> villageIds, List<RepresentativeCard> representatives) {
    }

    public record VillageCard(long id, String name, long constituencyId) {
    }

    public record CategoryCard(long id, String code, String name) {
    }

    private final Activities activities;

    PublicResource(Activities activities) {
        this.activities = activities;
    }

    @GET
    @Path("workstations")
    @WithSession
    public Uni<List<WorkstationCard>> workstations() {
        return Workstation.<Workstation>list("active = true order by id")
                .chain(stations -> Representative.<Representative>list("active = true order by groupLeader desc, name, id")
                        .map(reps -> {
                            Map<Long, List<Representative>> byStation = reps.stream().collect(Collectors.groupingBy(r -> r.workstationId));
                            return stations.stream().map(w -> card(w, byStation.getOrDefault(w.id, List.of()))).toList();
                        }));
    }

    @GET
    @Path("workstations/{id}/activities")
    @WithSession
    @Operation(summary = "五公开: the workstation's activities of the last year (receptions, study sessions, research visits,"
            + " consultations) — kind, date, place, title and the representatives who attended; no minutes, no other attendee")
    public Uni<List<Activities.PublicActivity>> activities(@PathParam("id") long id) {
        return active(id).chain(w -> activities.publicRecord(w.id));
    }

    @GET
    @Path("workstations/{id}")
    @WithSession
    public Uni<WorkstationCard> workstation(@PathParam("id") long id) {
        return active(id).chain(w -> Representative.<Representative>list("workstationId = ?1 and active = true order by groupLeader desc, name, id", w.id)
                        .map(reps -> card(w, reps)));
    }

    private static Uni<Workstation> active(long id) {
        return Workstation.<Workstation>find("id = ?1 and active = true", id).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("Workstation " + id));
    }

    @GET
    @Path("villages")
    @WithSession
    public Uni<List<VillageCard>> villages() {
        return Village.<Village>list("active = true order by name, id")
                .map(list -> list.stream().map(v -> new VillageCard(v.id, v.name, v.constituencyId)).toList());
    }

    @GET
    @Path("categories")
    @WithSession
    @Operation(summary = "What a concern can be about, for the submit form")
    public Uni<List<CategoryCard>> categories() {
        return Category.<Category>list("active = true order by name, id")
                .map(list -> list.stream().map(c -> new CategoryCard(c.id, c.code, c.name)).toList());
    }

    private static WorkstationCard card(Workstation w, List<Representative> reps) {
        return new WorkstationCard(w.id, w.name, w.place, w.signage, w.serviceTheme, w.liaisonName,
                w.villageIds.stream().sorted().toList(), reps.stream().map(RepresentativeCard::of).toList());
    }
}
