package cn.lianxin.audit;

import cn.lianxin.api.Dates;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The read audit's filters, as the API and the console take them; every one optional, dates the town's calendar
 * days (both included), newest first.
 */
public record AuditSearch(UUID caseId, UUID residentId, String actor, LocalDate from, LocalDate to) {

    /** A line as the town office and a resident's data export show it. */
    public record Entry(OffsetDateTime at, String actor, String actorRole, String action, String target, String via,
            UUID caseId, UUID residentId) {
        static Entry of(AuditEntry e) {
            return new Entry(e.at, e.actor, e.actorRole, e.action, e.target, e.via, e.caseId, e.residentId);
        }
    }

    public Uni<Page<Entry>> page(ZoneId townZone, PageRequest page) {
        Filters filters = new Filters()
                .with("caseId = :caseId", "caseId", caseId)
                .with("residentId = :residentId", "residentId", residentId)
                .with("actor = :actor", "actor", actor == null || actor.isBlank() ? null : actor.strip())
                .with("at >= :from", "from", from == null ? null : Dates.startOf(from, townZone))
                .with("at < :to", "to", to == null ? null : Dates.endOf(to, townZone));
        return Filters.page(AuditEntry.<AuditEntry>find(filters.where("at desc, id desc"), filters.parameters()), page, Entry::of);
    }

    /** Who read a resident's cases or data, for their own export: every line that names them, newest first. */
    public static Uni<List<Entry>> ofResident(UUID residentId) {
        return AuditEntry.<AuditEntry>list("residentId = ?1 order by at desc, id desc", residentId)
                .map(list -> list.stream().map(Entry::of).toList());
    }
}
