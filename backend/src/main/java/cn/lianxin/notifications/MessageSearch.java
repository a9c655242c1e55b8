package cn.lianxin.notifications;

import cn.lianxin.api.Dates;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.staff.Caller;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The filters of the message log, as the API, its sandbox outbox and the console's 消息 page take them; every filter is
 * optional, dates are the town's calendar days (both included) on which the message was created. Newest first.
 */
public record MessageSearch(UUID caseId, Long representativeId, UUID residentId, MessageChannel channel, OutboundMessage.Status status,
        RecipientKind recipientKind, LocalDate from, LocalDate to, Boolean sandbox) {

    /**
     * A page of the log as a staff member reads it: every message to a resident on it is a line of the read audit
     * (the message's text is about their concern), written before the page is answered.
     */
    public Uni<Page<OutboundMessage>> read(Caller caller, ReadAudit audit, ZoneId townZone, PageRequest page) {
        return page(townZone, page).call(found -> audit.record(caller, ReadAudit.Action.MESSAGE_LOG, found.items().stream()
                .filter(m -> m.residentId != null)
                .map(m -> new ReadAudit.Read("message " + m.id, m.caseId, m.residentId)).toList()));
    }

    public Uni<Page<OutboundMessage>> page(ZoneId townZone, PageRequest page) {
        Filters filters = new Filters()
                .with("caseId = :caseId", "caseId", caseId)
                .with("representativeId = :representativeId", "representativeId", representativeId)
                .with("residentId = :residentId", "residentId", residentId)
                .with("channel = :channel", "channel", channel)
                .with("status = :status", "status", status)
                .with("recipientKind = :recipientKind", "recipientKind", recipientKind)
                .with("createdAt >= :from", "from", from == null ? null : Dates.startOf(from, townZone))
                .with("createdAt < :to", "to", to == null ? null : Dates.endOf(to, townZone))
                .with("sandbox = :sandbox", "sandbox", sandbox);
        return Filters.page(OutboundMessage.<OutboundMessage>find(filters.where("createdAt desc, id"), filters.parameters()), page, m -> m);
    }
}
