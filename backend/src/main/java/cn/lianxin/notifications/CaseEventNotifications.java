package cn.lianxin.notifications;

import cn.lianxin.cases.domain.CaseEvent;
import cn.lianxin.cases.domain.CaseEvents;
import cn.lianxin.cases.domain.CaseRegistered;
import cn.lianxin.cases.domain.CaseStep;
import cn.lianxin.cases.domain.FollowUpReceived;
import cn.lianxin.cases.domain.StepEvent;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.DeadlineApproaching;
import cn.lianxin.cases.domain.DeadlineMissed;
import cn.lianxin.cases.domain.VideoCallMissed;
import cn.lianxin.events.EventEnvelope;
import cn.lianxin.residents.Resident;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads case events and turns them into messages to send, to residents and to staff. Idempotent: the event id
 * is recorded with the effect in one transaction, so a redelivered event (at-least-once) produces nothing new.
 */
@ApplicationScoped
public class CaseEventNotifications {

    static final String CONSUMER = "notifications";
    private static final Logger LOG = Logger.getLogger(CaseEventNotifications.class);

    private final ObjectMapper json;
    private final StaffNotices staff;
    private final Wordings wordings;

    public CaseEventNotifications(ObjectMapper json, StaffNotices staff, Wordings wordings) {
        this.json = json;
        this.staff = staff;
        this.wordings = wordings;
    }

    @Incoming("case-events")
    public Uni<Void> onCaseEvent(String value) {
        EventEnvelope event;
        Supplier<Uni<Notices>> notices;
        try {
            event = json.readValue(value, EventEnvelope.class);
            notices = noticesFor(event);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // A record we cannot read will never become readable: log it (without the body) and move on
            // rather than hold up every later event of its partition.
            LOG.errorf("Skipping an unreadable case event: %s", e.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        if (notices == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> deliver(event.id(), notices))
                .onFailure().invoke(e -> LOG.warnf("Case event %s not processed yet, will retry: %s", event.id(), e.toString()))
                // The database may be briefly away; keep the partition where it is until it is back.
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }

    /**
     * What the event calls for, read now (so that an unreadable payload is skipped) and composed afresh inside
     * each attempt of the transaction that claims the event. Null when the event calls for no message.
     */
    private Supplier<Uni<Notices>> noticesFor(EventEnvelope envelope) throws java.io.IOException {
        CaseEvent event = CaseEvents.read(json, envelope).orElse(null);
        if (event instanceof CaseRegistered registered) {
            // The mini-program shows the case number the moment the case is submitted; no message repeats it.
            List<OutboundMessage> acknowledgement = registered.channel() == Channel.MINIPROGRAM ? List.of()
                    : List.of(Templates.registered(registered.caseId(), registered.number()));
            return () -> toResident(registered.residentId(), registered.channel(), acknowledgement)
                    .chain(resident -> staff.newCase(registered).map(resident::and));
        }
        if (event instanceof StepEvent.Replied replied) {
            CaseStep step = replied.step();
            return () -> toResident(step.residentId(), step.channel(), Templates.replied(replied));
        }
        if (event instanceof StepEvent.Escalated escalated) {
            return () -> staff.escalation(escalated);
        }
        if (event instanceof StepEvent handedOver && StaffNotices.handsOver(handedOver)) {
            return () -> staff.handedOver(handedOver);
        }
        if (event instanceof FollowUpReceived followUp && followUp.representativeId() != null) {
            return () -> staff.followUp(followUp);
        }
        if (event instanceof DeadlineApproaching approaching) {
            requireDeadline(approaching.caseId(), approaching.kind(), approaching.dueAt());
            return () -> staff.reminder(approaching);
        }
        if (event instanceof VideoCallMissed missed) {
            return () -> staff.videoCallMissed(missed);
        }
        if (event instanceof DeadlineMissed missed) {
            requireDeadline(missed.caseId(), missed.kind(), missed.dueAt());
            return () -> staff.supervision(missed);
        }
        return null;
    }

    /** A deadline event without these cannot be worded; failing later would retry it forever. */
    private static void requireDeadline(Object caseId, Object kind, Object dueAt) {
        if (caseId == null || kind == null || dueAt == null) {
            throw new IllegalArgumentException("deadline event without case, kind or due time");
        }
    }

    /** Queues the messages the event calls for, once per event. */
    private Uni<Void> deliver(UUID eventId, Supplier<Uni<Notices>> compose) {
        return claim(eventId).chain(first -> !first ? Uni.createFrom().voidItem()
                : compose.get().chain(notices -> Multi.createFrom().iterable(notices.messages())
                        .onItem().transformToUniAndConcatenate(m -> {
                            m.sourceEventId = eventId;
                            return m.persist();
                        })
                        .collect().asList()
                        .chain(saved -> recordEffect(eventId, notices.effect()))));
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

    /** The messages for the resident, on the channel they can be reached on. */
    private Uni<Notices> toResident(UUID residentId, Channel used, List<OutboundMessage> messages) {
        return Resident.<Resident>findById(residentId).map(resident -> replyChannel(resident, used)
                .map(to -> Notices.of(messages.stream().map(m -> m.toResident(residentId, to))
                        .map(wordings::word).toList()))
                .orElseGet(() -> Notices.unreached("resident has no reachable channel")));
    }

    /** The channel the resident used, when it can carry a message back; otherwise the other one they have. */
    static Optional<MessageChannel> replyChannel(Resident resident, Channel used) {
        boolean miniProgram = resident.openid != null;
        boolean sms = resident.phoneCipher != null;
        boolean prefersMiniProgram = used == Channel.MINIPROGRAM || used == Channel.VIDEO;
        if (prefersMiniProgram && miniProgram) {
            return Optional.of(MessageChannel.MINIPROGRAM);
        }
        if (sms) {
            return Optional.of(MessageChannel.SMS);
        }
        return miniProgram ? Optional.of(MessageChannel.MINIPROGRAM) : Optional.empty();
    }
}
