package cn.lianxin.notifications;

import io.smallrye.mutiny.Uni;

/** Sends one message through one provider. Channels add their own; the sandbox stands in for all of them. */
public interface ChannelDispatcher {

    /** The outcome of one attempt. A transient failure is tried again later; a permanent one is final. */
    record Outcome(boolean sent, String providerMessageId, boolean permanent, String error) {
        public static Outcome sent(String providerMessageId) {
            return new Outcome(true, providerMessageId, false, null);
        }

        public static Outcome failed(boolean permanent, String error) {
            return new Outcome(false, null, permanent, error);
        }
    }

    boolean handles(MessageChannel channel);

    Uni<Outcome> send(OutboundMessage message);
}
