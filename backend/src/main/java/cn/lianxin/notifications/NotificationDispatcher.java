package cn.lianxin.notifications;

import cn.lianxin.work.Rounds;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends due messages through the dispatcher of their channel, on the {@link Worker}'s round loop: one message per
 * transaction, claimed with SKIP LOCKED so several instances share the work without sending a message twice, each
 * at most once a round. A provider's answer is an {@link ChannelDispatcher.Outcome}: a transient failure backs off
 * exponentially up to a limit, a permanent one is final. Anything else that goes wrong with a message (a dispatcher
 * that throws, a recipient row it cannot read, a hook that fails) rolls back that message only and is the worker's
 * failed attempt; after the last one the message ends FAILED. A message that ends FAILED is handed to its
 * channel's {@link ChannelDispatcher#failedForGood} hook once. FAILED is a message's parked state: the message log
 * lists it ({@code /api/messages?status=FAILED}); see docs/DECISIONS.md, "Work queues".
 */
@ApplicationScoped
public class NotificationDispatcher implements Worker.Items<OutboundMessage> {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final Instance<ChannelDispatcher> dispatchers;
    private final Worker worker;
    private final int batchSize;
    private final int maxAttempts;

    public NotificationDispatcher(Instance<ChannelDispatcher> dispatchers, Worker worker,
            @ConfigProperty(name = "lianxin.notifications.batch-size") int batchSize,
            @ConfigProperty(name = "lianxin.notifications.max-attempts") int maxAttempts) {
        this.dispatchers = dispatchers;
        this.worker = worker;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(every = "${lianxin.notifications.dispatch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatchDue() {
        return Rounds.drain(this::runOnce, batchSize);
    }

    /**
     * Up to a batch of due messages. One message per transaction: its outcome is committed as soon as the provider
     * has answered, so a crash or a failed commit puts back at most the message in flight — never a whole round of
     * messages already sent, which would go out to residents a second time — and no row stays locked while later
     * messages wait on providers.
     *
     * @return how many messages were sent, settled or had a failed attempt recorded
     */
    public Uni<Integer> runOnce() {
        return worker.runOnce(this, batchSize);
    }

    @Override
    public String name() {
        return "outbound-message";
    }

    @Override
    public Uni<OutboundMessage> claim(OffsetDateTime round) {
        return Worker.claimOne(OutboundMessage.class, """
                SELECT * FROM outbound_message WHERE status IN ('PENDING', 'DEFERRED') AND next_attempt_at <= :round
                ORDER BY next_attempt_at""", Map.of("round", round));
    }

    @Override
    public Object id(OutboundMessage message) {
        return message.id;
    }

    @Override
    public int attempts(OutboundMessage message) {
        return message.attempts;
    }

    @Override
    public Uni<Void> handle(OutboundMessage message) {
        ChannelDispatcher dispatcher = dispatcherFor(message.channel);
        return dispatcher.send(message)
                .invoke(outcome -> apply(message, outcome))
                .chain(() -> message.status == OutboundMessage.Status.FAILED
                        ? dispatcher.failedForGood(message) : Uni.createFrom().voidItem());
    }

    /**
     * The attempt that threw, recorded on the message as it was before it: due again after the worker's backoff,
     * or FAILED after the last attempt — its channel's hook told in the same transaction, and if the hook itself
     * fails, FAILED all the same (the message must end, and the hook had its one call).
     */
    @Override
    public Uni<Void> failed(OutboundMessage claimed, Worker.Attempt attempt) {
        return Panache.withTransaction(() -> record(claimed, attempt, true))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Message %s: telling its channel it failed for good failed: %s", claimed.id, e.getMessage());
                    return Panache.withTransaction(() -> record(claimed, attempt, false));
                });
    }

    private Uni<Void> record(OutboundMessage claimed, Worker.Attempt attempt, boolean tell) {
        return OutboundMessage.<OutboundMessage>findById(claimed.id).chain(message -> {
            if (message == null || !(message.status == OutboundMessage.Status.PENDING || message.status == OutboundMessage.Status.DEFERRED)) {
                return Uni.createFrom().voidItem();
            }
            message.attempts = attempt.number();
            message.lastError = attempt.reason();
            message.nextAttemptAt = attempt.due();
            if (!attempt.last()) {
                message.status = OutboundMessage.Status.PENDING;
                return Uni.createFrom().voidItem();
            }
            message.status = OutboundMessage.Status.FAILED;
            return tell ? dispatcherFor(message.channel).failedForGood(message) : Uni.createFrom().voidItem();
        });
    }

    private ChannelDispatcher dispatcherFor(MessageChannel channel) {
        return dispatchers.stream().filter(d -> d.handles(channel)).findFirst()
                .orElse(new Unconfigured(channel));
    }

    private void apply(OutboundMessage message, ChannelDispatcher.Outcome outcome) {
        message.lastError = outcome.error();
        if (outcome.result() == ChannelDispatcher.Result.DEFERRED) {
            // Held by our own limit, not attempted: no attempt counted, due again when the limit allows.
            message.status = OutboundMessage.Status.DEFERRED;
            message.nextAttemptAt = outcome.notBefore();
            return;
        }
        message.status = OutboundMessage.Status.PENDING;
        message.attempts++;
        if (outcome.sent()) {
            message.status = OutboundMessage.Status.SENT;
            message.providerMessageId = outcome.providerMessageId();
            message.sentAt = OffsetDateTime.now();
            return;
        }
        if (outcome.result() == ChannelDispatcher.Result.UNKNOWN) {
            // Out of the dispatcher's hands until the channel reconciles it; sent_at is when the attempt was made.
            message.status = OutboundMessage.Status.UNKNOWN;
            message.sentAt = OffsetDateTime.now();
            return;
        }
        if (outcome.permanent() || message.attempts >= maxAttempts) {
            message.status = OutboundMessage.Status.FAILED;
            LOG.warnf("Message %s failed for good after %d attempts: %s", message.id, message.attempts, outcome.error());
        } else {
            message.nextAttemptAt = OffsetDateTime.now().plus(backoff(message.attempts));
        }
    }

    /** 10 s, 20 s, 40 s … capped at an hour. */
    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(3600, 10L << Math.min(attempts - 1, 12)));
    }

    /** No provider for this channel yet: the message waits (transient) instead of vanishing. */
    private record Unconfigured(MessageChannel channel) implements ChannelDispatcher {
        @Override
        public boolean handles(MessageChannel c) {
            return c == channel;
        }

        @Override
        public Uni<Outcome> send(OutboundMessage message) {
            return Uni.createFrom().item(Outcome.failed(false, "no dispatcher configured for channel " + channel));
        }
    }
}
