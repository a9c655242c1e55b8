package cn.lianxin.notifications;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Answers on WeCom to what a representative wrote or tapped in the app. Each answer is keyed by the incoming
 * message it answers, so a message processed twice is answered once; it goes through the outbound pipeline like
 * every other message (the sandbox outbox when WeCom is sandboxed).
 */
@ApplicationScoped
public class RepresentativeWeCom {

    public Uni<Void> answer(UUID incoming, long representativeId, UUID caseId, String body) {
        OutboundMessage m = Templates.wecomAnswer(caseId, body).toRepresentative(representativeId);
        m.sourceEventId = incoming;
        return m.persist().replaceWithVoid();
    }
}
