package cn.lianxin.notifications;

import cn.lianxin.cases.CaseRegistered;
import cn.lianxin.cases.Channel;
import cn.lianxin.events.EventEnvelope;
import cn.lianxin.residents.Resident;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads case events and turns them into messages to send. Idempotent: the event id is recorded with the effect
 * in one transaction, so a redelivered event (at-least-once) produces nothing new.
 */
@ApplicationScoped
public class CaseEventNotifications {

    static final String CONSUMER = "notifications";
    private static final Logger LOG = Logger.getLogger(CaseEventNotifications.class);

    private final ObjectMapper json;

    public CaseEventNotifications(ObjectMapper json) {
        this.json = json;
    }

    @Incoming("case-events")
    public Uni<Void> onCaseEvent(String value) {
        EventEnvelope event;
        CaseRegistered registered;
        try {
            event = json.readValue(value, EventEnvelope.class);
            if (!"CaseRegistered".equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            registered = json.treeToValue(event.payload(), CaseRegistered.class);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // A record we cannot read will never become readable: log it (without the body) and move on
            // rather than hold up every later event of its partition.
            LOG.errorf("Skipping an unreadable case event: %s", e.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> acknowledge(event.id(), registered))
                .onFailure().invoke(e -> LOG.warnf("Case event %s not processed yet, will retry: %s", event.id(), e.toString()))
                // The database may be briefly away; keep the partition where it is until it is back.
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }

    /** 登记 is answered at once with the case number, on the channel the resident can be reached on. */
    private Uni<Void> acknowledge(UUID eventId, CaseRegistered registered) {
        return claim(eventId).chain(first -> !first ? Uni.createFrom().voidItem()
                : Resident.<Resident>findById(registered.residentId()).chain(resident -> replyChannel(resident, registered.channel())
                        .map(to -> registrationAck(eventId, registered, to).<OutboundMessage>persist()
                                .chain(m -> recordEffect(eventId, "message " + m.id)))
                        .orElseGet(() -> recordEffect(eventId, "resident has no reachable channel"))));
    }

    /** Registers this consumer's claim on the event; false when it was processed before. */
    private Uni<Boolean> claim(UUID eventId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                INSERT INTO processed_event (consumer, event_id, processed_at, effect) VALUES (:consumer, :id, now(), 'claimed')
                ON CONFLICT DO NOTHING""").setParameter("consumer", CONSUMER).setParameter("id", eventId).executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private Uni<Void> recordEffect(UUID eventId, String effect) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "UPDATE processed_event SET effect = :effect WHERE consumer = :consumer AND event_id = :id")
                .setParameter("effect", effect).setParameter("consumer", CONSUMER).setParameter("id", eventId).executeUpdate())
                .replaceWithVoid();
    }

    /** The channel the resident used, when it can carry a message back; otherwise the other one they have. */
    static Optional<MessageChannel> replyChannel(Resident resident, Channel used) {
        boolean wechat = resident.openid != null;
        boolean sms = resident.phoneCipher != null;
        boolean prefersWechat = used == Channel.MINIPROGRAM || used == Channel.VIDEO;
        if (prefersWechat && wechat) {
            return Optional.of(MessageChannel.WECHAT);
        }
        if (sms) {
            return Optional.of(MessageChannel.SMS);
        }
        return wechat ? Optional.of(MessageChannel.WECHAT) : Optional.empty();
    }

    private static OutboundMessage registrationAck(UUID eventId, CaseRegistered registered, MessageChannel channel) {
        OutboundMessage m = new OutboundMessage();
        m.id = UUID.randomUUID();
        m.sourceEventId = eventId;
        m.purpose = "CASE_REGISTERED_ACK";
        m.caseId = registered.caseId();
        m.residentId = registered.residentId();
        m.channel = channel;
        m.template = "CASE_REGISTERED";
        m.body = "【连心桥】您反映的问题已登记，编号 " + registered.number() + "。党代表会尽快办理并答复您。";
        m.status = OutboundMessage.Status.PENDING;
        m.createdAt = OffsetDateTime.now();
        m.nextAttemptAt = m.createdAt;
        return m;
    }
}
