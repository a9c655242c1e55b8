package cn.lianxin.notifications;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends due messages through the dispatcher of their channel. Rows are claimed with SKIP LOCKED so several
 * instances share the work without sending a message twice; failures back off exponentially up to a limit.
 * A message that ends FAILED is handed to its channel's {@link ChannelDispatcher#failedForGood} hook once.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final Instance<ChannelDispatcher> dispatchers;
    private final int batchSize;
    private final int maxAttempts;

    public NotificationDispatcher(Instance<ChannelDispatcher> dispatchers,
            @ConfigProperty(name = "lianxin.notifications.batch-size") int batchSize,
            @ConfigProperty(name = "lianxin.notifications.max-attempts") int maxAttempts) {
        this.dispatchers = dispatchers;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(every = "${lianxin.notifications.dispatch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatchDue() {
        return next(batchSize);
    }

    /**
     * One message per transaction: its outcome is committed as soon as the provider has answered, so a crash or a
     * failed commit puts back at most the message in flight — never a whole round of messages already sent, which
     * would go out to residents a second time — and no row stays locked while later messages wait on providers.
     */
    private Uni<Void> next(int remaining) {
        if (remaining == 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> claimOne().chain(due -> due == null ? Uni.createFrom().item(false) : send(due).replaceWith(true)))
                .onFailure().invoke(e -> LOG.warnf("Dispatch round failed, messages stay pending: %s", e.getMessage()))
                .onFailure().recoverWithItem(false)
                .chain(more -> more ? next(remaining - 1) : Uni.createFrom().voidItem());
    }

    @SuppressWarnings("unchecked")
    private Uni<OutboundMessage> claimOne() {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                SELECT * FROM outbound_message WHERE status IN ('PENDING', 'DEFERRED') AND next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""", OutboundMessage.class).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private Uni<Void> send(OutboundMessage message) {
        ChannelDispatcher dispatcher = dispatcherFor(message.channel);
        return dispatcher.send(message)
                .onFailure().recoverWithItem(e -> ChannelDispatcher.Outcome.failed(false, e.getMessage()))
                .invoke(outcome -> apply(message, outcome))
                .chain(() -> message.status == OutboundMessage.Status.FAILED
                        ? dispatcher.failedForGood(message) : Uni.createFrom().voidItem());
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
