package cn.lianxin.notifications;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** Sends one message through one provider. Channels add their own; the sandbox stands in for all of them. */
public interface ChannelDispatcher {

    /** What became of one attempt. */
    enum Result {
        /** The provider accepted it. */
        SENT,
        /** Refused; tried again later with backoff (transient) or never (permanent). */
        FAILED,
        /**
         * The provider may or may not have sent it (a timeout after the request left). It is not tried again until
         * the channel has reconciled it (receipt, status query); see {@link OutboundMessage.Status#UNKNOWN}.
         */
        UNKNOWN,
        /** Not attempted: a limit of ours holds it until {@code notBefore}; the attempt does not count. */
        DEFERRED
    }

    /** The outcome of one attempt. A transient failure is tried again later; a permanent one is final. */
    record Outcome(Result result, String providerMessageId, boolean permanent, String error, OffsetDateTime notBefore) {
        public static Outcome sent(String providerMessageId) {
            return new Outcome(Result.SENT, providerMessageId, false, null, null);
        }

        public static Outcome failed(boolean permanent, String error) {
            return new Outcome(Result.FAILED, null, permanent, error, null);
        }

        public static Outcome unknown(String error) {
            return new Outcome(Result.UNKNOWN, null, false, error, null);
        }

        public static Outcome deferred(OffsetDateTime notBefore, String why) {
            return new Outcome(Result.DEFERRED, null, false, why, notBefore);
        }

        public boolean sent() {
            return result == Result.SENT;
        }
    }

    boolean handles(MessageChannel channel);

    Uni<Outcome> send(OutboundMessage message);

    /**
     * Called once, in the dispatcher's transaction, when a message of this channel has just ended FAILED — refused
     * for good, or out of attempts. A channel whose recipient can still be reached another way queues that here
     * (with {@link OutboundMessage#fallbackTo}) and says so in the message's {@code lastError}. Nothing by default.
     */
    default Uni<Void> failedForGood(OutboundMessage message) {
        return Uni.createFrom().voidItem();
    }
}
