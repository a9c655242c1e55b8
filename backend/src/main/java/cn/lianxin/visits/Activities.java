package cn.lianxin.visits;

import cn.lianxin.api.ApiException;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A workstation's activity record (五有): staff of the workstation (or the town office for it) record what was held;
 * staff read their scope's; the public read (五公开, {@link #publicRecord}) carries no minutes and no attendee but the
 * representatives, who are public anyway.
 */
@ApplicationScoped
public class Activities {

    public record RecordActivity(Long workstationId, Activity.Kind kind, LocalDate heldOn, String place, String title, String minutes,
            Set<Long> representativeIds, String otherAttendees) {
    }

    /** What the public pages show of an activity. */
    public record PublicActivity(Activity.Kind kind, String kindLabel, LocalDate heldOn, String place, String title,
            List<String> representatives) {
    }

    private static final int LIST_LIMIT = 500;

    private final Lookups lookups;
    private final VisitRecords records;
    private final Clock clock;

    Activities(Lookups lookups, VisitRecords records, Clock clock) {
        this.lookups = lookups;
        this.records = records;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Activity> record(Caller caller, RecordActivity command) {
        Long workstationId = caller.is(StaffRole.TOWN_OFFICE) ? command.workstationId() : caller.workstationId();
        if (workstationId == null) {
            return Uni.createFrom().failure(ApiException.invalidField("workstationId", "is required"));
        }
        if (!caller.is(StaffRole.TOWN_OFFICE) && command.workstationId() != null && !command.workstationId().equals(workstationId)) {
            return Uni.createFrom().failure(ApiException.invalidField("workstationId", "is not your workstation"));
        }
        if (command.heldOn().isAfter(records.today())) {
            return Uni.createFrom().failure(ApiException.invalidField("heldOn", "must not be in the future"));
        }
        Set<Long> attendees = command.representativeIds() == null ? Set.of() : command.representativeIds();
        return lookups.reference(Workstation.class, workstationId, "workstationId")
                .call(() -> lookups.references(Representative.class, attendees, "representativeIds"))
                .chain(workstation -> {
                    Activity a = new Activity();
                    a.id = UUID.randomUUID();
                    a.workstationId = workstation.id;
                    a.kind = command.kind();
                    a.heldOn = command.heldOn();
                    a.place = command.place().strip();
                    a.title = command.title().strip();
                    a.minutes = command.minutes().strip();
                    a.otherAttendees = command.otherAttendees() == null || command.otherAttendees().isBlank() ? null : command.otherAttendees().strip();
                    a.representativeIds = new HashSet<>(attendees);
                    a.recordedBy = caller.username();
                    a.recordedAt = OffsetDateTime.now(clock);
                    return a.persist();
                });
    }

    /** The caller's scope: the office every workstation's, the others their own workstation's; newest first. */
    public Uni<List<Activity>> list(Caller caller, LocalDate from, LocalDate to) {
        Map<String, Object> parameters = new HashMap<>(Map.of("from", from, "to", to));
        String where = "heldOn between :from and :to";
        if (!caller.is(StaffRole.TOWN_OFFICE)) {
            where += " and workstationId = :scopeWorkstation";
            parameters.put("scopeWorkstation", caller.workstationId() == null ? -1L : caller.workstationId());
        }
        return Activity.<Activity>find(where + " order by heldOn desc, recordedAt desc", parameters).page(0, LIST_LIMIT).list();
    }

    /** 五公开: a workstation's activities of the last year as the public may read them. */
    public Uni<List<PublicActivity>> publicRecord(long workstationId) {
        LocalDate today = records.today();
        return publicRecord(workstationId, today.minusYears(1), today);
    }

    /** 五公开: a workstation's activities of a range as the public may read them (for the disclosure pages, issue 15). */
    public Uni<List<PublicActivity>> publicRecord(long workstationId, LocalDate from, LocalDate to) {
        return Activity.<Activity>find("workstationId = ?1 and heldOn between ?2 and ?3 order by heldOn desc", workstationId, from, to)
                .page(0, LIST_LIMIT).list().chain(activities -> {
                    Set<Long> ids = activities.stream().flatMap(a -> a.representativeIds.stream()).collect(Collectors.toSet());
                    Uni<List<Representative>> reps = ids.isEmpty() ? Uni.createFrom().item(List.of()) : Representative.list("id in ?1", ids);
                    return reps.map(rs -> {
                        Map<Long, String> names = rs.stream().collect(Collectors.toMap(r -> r.id, r -> r.name));
                        return activities.stream().map(a -> new PublicActivity(a.kind, a.kind.label(), a.heldOn, a.place, a.title,
                                a.representativeIds.stream().map(names::get).sorted().toList())).toList();
                    });
                });
    }
}
