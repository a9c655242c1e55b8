package cn.lianxin.notifications;

import cn.lianxin.cases.CaseCommand;
import cn.lianxin.cases.CaseRegistered;
import cn.lianxin.cases.CaseTransitioned;
import cn.lianxin.cases.Channel;
import cn.lianxin.events.EventEnvelope;
import cn.lianxin.residents.Resident;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
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
        List<OutboundMessage> messages;
        UUID residentId;
        Channel channel;
        try {
            event = json.readValue(value, EventEnvelope.class);
            switch (event.type()) {
                case "CaseRegistered" -> {
                    CaseRegistered registered = json.treeToValue(event.payload(), CaseRegistered.class);
                    residentId = registered.residentId();
                    channel = registered.channel();
                    messages = List.of(Templates.registered(registered.caseId(), registered.number()));
                }
                case "CaseTransitioned" -> {
                    CaseTransitioned transitioned = json.treeToValue(event.payload(), CaseTransitioned.class);
                    if (transitioned.command() != CaseCommand.REPLY) {
                        return Uni.createFrom().voidItem();
                    }
                    residentId = transitioned.residentId();
                    channel = transitioned.channel();
                    messages = Templates.replied(transitioned.caseId(), transitioned.number(), transitioned.detail());
                }
                default -> {
                    return Uni.createFrom().voidItem();
                }
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // A record we cannot read will never become readable: log it (without the body) and move on
            // rather than hold up every later event of its partition.
            LOG.errorf("Skipping an unreadable case event: %s", e.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> deliver(event.id(), residentId, channel, messages))
                .onFailure().invoke(e -> LOG.warnf("Case event %s not processed yet, will retry: %s", event.id(), e.toString()))
                // The database may be briefly away; keep the partition where it is until it is back.
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }

    /** Queues the messages for the resident on the channel they can be reached on, once per event. */
    private Uni<Void> deliver(UUID eventId, UUID residentId, Channel used, List<OutboundMessage> messages) {
        return claim(eventId).chain(first -> !first ? Uni.createFrom().voidItem()
                : Resident.<Resident>findById(residentId).chain(resident -> replyChannel(resident, used)
                        .map(to -> Multi.createFrom().iterable(messages)
                                .onItem().transformToUniAndConcatenate(m -> address(m, eventId, residentId, to).persist())
                                .collect().asList()
                                .chain(saved -> recordEffect(eventId, saved.size() + " message(s) on " + to)))
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

    private static OutboundMessage address(OutboundMessage m, UUID eventId, UUID residentId, MessageChannel channel) {
        m.id = UUID.randomUUID();
        m.sourceEventId = eventId;
        m.residentId = residentId;
        m.channel = channel;
        m.status = OutboundMessage.Status.PENDING;
        m.createdAt = OffsetDateTime.now();
        m.nextAttemptAt = m.createdAt;
        return m;
    }
}
