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

/** The sandbox outbox: what the system would have sent, to residents and to staff, had real providers been configured. */
@Path("/api/sandbox/messages")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Sandbox")
public class SandboxResource {

    public record SandboxMessageView(UUID id, MessageChannel channel, String template, String body, UUID caseId,
            RecipientKind recipientKind, UUID residentId, Long representativeId, OffsetDateTime sentAt) {
        static SandboxMessageView of(OutboundMessage m) {
            return new SandboxMessageView(m.id, m.channel, m.template, m.body, m.caseId, m.recipientKind, m.residentId,
                    m.representativeId, m.sentAt);
        }
    }

    @GET
    @WithSession
    @Operation(summary = "Messages sent in sandbox mode, newest first")
    public Uni<Page<SandboxMessageView>> list(@Valid @BeanParam PageRequest page, @QueryParam("caseId") UUID caseId,
            @QueryParam("representativeId") Long representativeId) {
        Filters filters = new Filters().with("sandbox = :sandbox", "sandbox", true).with("caseId = :caseId", "caseId", caseId)
                .with("representativeId = :representativeId", "representativeId", representativeId);
        return Filters.page(OutboundMessage.find(filters.where("sentAt desc, id"), filters.parameters()), page, SandboxMessageView::of);
    }
}
