package cn.lianxin.notifications;

import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The message log's one query, newest first: the API's log and sandbox outbox and the console's pages (a case's
 * messages) all read it. {@code filters} carries what only one of them narrows by (a channel, a status, sandbox).
 */
@ApplicationScoped
public class MessageLog {

    public Uni<Page<OutboundMessage>> page(Filters filters, PageRequest page, UUID caseId, Long representativeId, UUID residentId) {
        filters.with("caseId = :caseId", "caseId", caseId).with("representativeId = :representativeId", "representativeId", representativeId)
                .with("residentId = :residentId", "residentId", residentId);
        return Filters.page(OutboundMessage.<OutboundMessage>find(filters.where("createdAt desc, id"), filters.parameters()), page, m -> m);
    }
}
