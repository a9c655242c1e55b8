package cn.lianxin.notifications;

import cn.lianxin.api.Dates;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
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
