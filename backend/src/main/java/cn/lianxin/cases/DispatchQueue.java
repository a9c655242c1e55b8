package cn.lianxin.cases;

import cn.lianxin.api.Filters;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * 派单: the cases no representative has yet, exactly as the API's {@code GET /api/cases?unassigned=true} scopes them
 * (a liaison: their workstation's and the town's unplaced ones), but oldest first — the longest waiting is placed
 * first. Served by case_unassigned_idx (V28).
 */
public final class DispatchQueue {

    private static final CaseSearch UNASSIGNED =
            new CaseSearch(null, null, null, null, null, null, null, true, null, null, null, null, null);

    /** The first {@code limit} of the queue and how many wait in all. */
    public record Slice(List<Case> cases, long total) {
    }

    private DispatchQueue() {
    }

    public static Uni<Slice> oldestFirst(Caller caller, ZoneId townZone, OffsetDateTime now, int limit) {
        Filters filters = UNASSIGNED.filters(caller, townZone, now);
        PanacheQuery<Case> query = Case.find(filters.where("registeredAt, id"), filters.parameters());
        return query.range(0, limit - 1).list().chain(cases -> query.count().map(total -> new Slice(cases, total)));
    }
}
