package cn.lianxin.notifications;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * Answers on WeCom to what someone wrote or tapped in the app: a representative's command, a tapped card, a
 * stranger; and notices that other contexts word for a representative (the week's visits). Each answer is keyed by the incoming message it answers, so a message processed twice is answered
 * once; it is a row written in the transaction that handles the incoming message and sent after commit through
 * the outbound pipeline like every other message (the sandbox outbox when WeCom is sandboxed) — a rolled-back
 * tap leaves its card as it was.
 */
@ApplicationScoped
public class RepresentativeWeCom {

    public Uni<Void> answer(UUID incoming, long representativeId, UUID caseId, String body) {
        OutboundMessage m = Templates.wecomAnswer(caseId, body).toRepresentative(representativeId);
        m.sourceEventId = incoming;
        return m.persist().replaceWithVoid();
    }

    /**
     * A notice another context words for a representative (the week's visits, say), keyed by what it is about, so
     * that it goes once however often it is asked for.
     *
     * @return whether it was written now (false: it had been already)
     */
    public Uni<Boolean> notice(UUID key, String purpose, long representativeId, String body) {
        return OutboundMessage.count("sourceEventId = ?1 and purpose = ?2", key, purpose).chain(written -> {
            if (written > 0) {
                return Uni.createFrom().item(false);
            }
            OutboundMessage m = Templates.staffNotice(purpose, body).toRepresentative(representativeId);
            m.sourceEventId = key;
            return m.persist().replaceWith(true);
        });
    }

    /**
     * Someone who is not a member, answered at their bare user id.
     *
     * @param simulated the incoming message was simulated in the sandbox: the answer is recorded, never sent
     */
    public Uni<Void> answerStranger(UUID incoming, String userId, String body, boolean simulated) {
        OutboundMessage m = Templates.wecomAnswer(null, body).toWeComUser(userId);
        return keyed(m, incoming, simulated);
    }

    /**
     * The tapped card's buttons replaced by one grey button reading {@code label}.
     *
     * @param responseCode what WeCom sent with the tap; it names the card to update
     * @param simulated the tap was simulated in the sandbox: the update is recorded, never sent
     */
    public Uni<Void> updateCard(UUID incoming, String userId, UUID caseId, String responseCode, String label, boolean simulated) {
        OutboundMessage m = new OutboundMessage();
        m.caseId = caseId;
        m.purpose = OutboundMessage.WECOM_CARD_UPDATE;
        m.template = OutboundMessage.WECOM_CARD_UPDATE;
        m.body = label;
        m.params = Map.of(OutboundMessage.RESPONSE_CODE, responseCode);
        return keyed(m.toWeComUser(userId), incoming, simulated);
    }

    public static final String POLICY_TO_CARRY = "POLICY_TO_CARRY";

    /**
     * 代表送政策: an approved policy for a representative to carry on their visits, before it goes out to the
     * residents. One per broadcast and representative (the key), however often approval is retried.
     */
    public Uni<Void> policyToCarry(UUID broadcastId, long representativeId, String body) {
        OutboundMessage m = Templates.wecomAnswer(null, body).toRepresentative(representativeId);
        m.purpose = POLICY_TO_CARRY;
        m.template = POLICY_TO_CARRY;
        m.sourceEventId = UUID.nameUUIDFromBytes(("policy-" + broadcastId + "-" + representativeId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return m.persist().replaceWithVoid();
    }

    private static Uni<Void> keyed(OutboundMessage m, UUID incoming, boolean simulated) {
        m.sourceEventId = incoming;
        m.sandbox = simulated;
        return m.persist().replaceWithVoid();
    }
}
