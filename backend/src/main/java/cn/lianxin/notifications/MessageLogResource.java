package cn.lianxin.notifications;

import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.staff.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    private final ZoneId townZone;
    private final SecurityIdentity identity;
    private final ReadAudit audit;

    public MessageLogResource(@ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone, SecurityIdentity identity, ReadAudit audit) {
        this.townZone = townZone;
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    @Path("/messages")
    @WithSession
    @Operation(summary = "Outbound messages with their delivery status, newest first; from/to are the town's calendar days"
            + " the message was created on (both included)")
    public Uni<Page<MessageView>> log(@Valid @BeanParam PageRequest page, @BeanParam MessageFilters filters) {
        return filters.toSearch().read(Caller.of(identity), audit, townZone, page).map(p -> p.map(MessageView::of));
    }

    @GET
    @Path("/sandbox/messages")
    @WithSession
    @Operation(summary = "Messages sent in sandbox mode, newest first")
    public Uni<Page<MessageView>> sandbox(@Valid @BeanParam PageRequest page, @BeanParam MessageFilters filters) {
        return filters.sandboxed().read(Caller.of(identity), audit, townZone, page).map(p -> p.map(MessageView::of));
    }
}
