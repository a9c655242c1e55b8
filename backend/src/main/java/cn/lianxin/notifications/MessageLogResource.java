package cn.lianxin.notifications;

import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The town office's message log: every message the system sent or is sending, on which channel, and how far it
 * got (pending, sent, delivered, failed with the provider's reason). The sandbox outbox is the same log narrowed
 * to what sandboxed channels would have sent, had real providers been configured.
 */
@Path("/api")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Messages")
public class MessageLogResource {

    public record MessageView(UUID id, MessageChannel channel, String template, String body, UUID caseId,
            RecipientKind recipientKind, UUID residentId, Long representativeId, String wecomUserId, OutboundMessage.Status status,
            int attempts, String lastError, boolean sandbox, OffsetDateTime createdAt, OffsetDateTime sentAt) {
        static MessageView of(OutboundMessage m) {
            return new MessageView(m.id, m.channel, m.template, m.body, m.caseId, m.recipientKind, m.residentId,
                    m.representativeId, m.wecomUserId, m.status, m.attempts, m.lastError, m.sandbox, m.createdAt, m.sentAt);
        }
    }

    private final MessageLog messages;

    public MessageLogResource(MessageLog log) {
        this.messages = log;
    }

    @GET
    @Path("/messages")
    @WithSession
    @Operation(summary = "Outbound messages with their delivery status, newest first")
    public Uni<Page<MessageView>> log(@Valid @BeanParam PageRequest page, @QueryParam("caseId") UUID caseId,
            @QueryParam("representativeId") Long representativeId, @QueryParam("residentId") UUID residentId,
            @QueryParam("channel") MessageChannel channel, @QueryParam("status") OutboundMessage.Status status) {
        Filters filters = new Filters().with("channel = :channel", "channel", channel).with("status = :status", "status", status);
        return list(filters, page, caseId, representativeId, residentId);
    }

    @GET
    @Path("/sandbox/messages")
    @WithSession
    @Operation(summary = "Messages sent in sandbox mode, newest first")
    public Uni<Page<MessageView>> sandbox(@Valid @BeanParam PageRequest page, @QueryParam("caseId") UUID caseId,
            @QueryParam("representativeId") Long representativeId, @QueryParam("residentId") UUID residentId) {
        return list(new Filters().with("sandbox = :sandbox", "sandbox", true), page, caseId, representativeId, residentId);
    }

    private Uni<Page<MessageView>> list(Filters filters, PageRequest page, UUID caseId, Long representativeId, UUID residentId) {
        return messages.page(filters, page, caseId, representativeId, residentId).map(p -> p.map(MessageView::of));
    }
}
