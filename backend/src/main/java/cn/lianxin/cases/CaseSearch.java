package cn.lianxin.cases;

import cn.lianxin.api.Dates;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The filters of the case list, as the API, the console's list, its drill-downs and its CSV export all take them;
 * every filter is optional and dates are the town's calendar days, both included. The query is always scoped to
 * the caller ({@link CaseScope}) and ordered newest first.
 */
public record CaseSearch(String number, CaseState state, Channel channel, Long villageId, Long categoryId,
        Long workstationId, Long representativeId, Boolean unassigned, UUID residentId, LocalDate from, LocalDate to,
        Unplaced unplaced, Figure figure) {

    /** Cases not yet placed with a workstation, a representative or a village: a group of their own in the figures. */
    public enum Unplaced {
        WORKSTATION("workstationId is null"), REPRESENTATIVE("representativeId is null"), VILLAGE("villageId is null");

        private final String condition;

        Unplaced(String condition) {
            this.condition = condition;
        }
    }

    public PanacheQuery<Case> query(Caller caller, ZoneId townZone, OffsetDateTime now) {
        Filters filters = filters(caller, townZone, now);
        return Case.find(filters.where("registeredAt desc, id"), filters.parameters());
    }

    /** The search's conditions, scoped to the caller, for a list in another order (the dispatch queue, oldest first). */
    public Filters filters(Caller caller, ZoneId townZone, OffsetDateTime now) {
        Filters filters = CaseScope.visibleTo(caller)
                .with("number = :number", "number", number)
                .with("state = :state", "state", state)
                .with("channel = :channel", "channel", channel)
                .with("villageId = :villageId", "villageId", villageId)
                .with("categoryId = :categoryId", "categoryId", categoryId)
                .with("workstationId = :workstationId", "workstationId", workstationId)
                .with("representativeId = :representativeId", "representativeId", representativeId)
                .with("residentId = :residentId", "residentId", residentId)
                .with("registeredAt >= :from", "from", from == null ? null : Dates.startOf(from, townZone))
                .with("registeredAt < :to", "to", to == null ? null : Dates.endOf(to, townZone));
        if (unassigned != null) {
            filters.always(unassigned ? "representativeId is null" : "representativeId is not null", Map.of());
        }
        if (unplaced != null) {
            filters.always(unplaced.condition, Map.of());
        }
        if (figure != null) {
            filters.always(figure.condition(), figure.usesNow() ? Map.of("now", now) : Map.of());
        }
        return filters;
    }

    public Uni<Page<Case>> page(Caller caller, ZoneId townZone, OffsetDateTime now, PageRequest page) {
        return Filters.page(query(caller, townZone, now), page, c -> c);
    }

    public Uni<List<Case>> all(Caller caller, ZoneId townZone, OffsetDateTime now, int limit) {
        return query(caller, townZone, now).range(0, limit - 1).list();
    }
}
