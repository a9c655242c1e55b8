package cn.lianxin.channels.miniprogram;

import io.smallrye.mutiny.Uni;

/**
 * The real outcome of subscribe messages another context sent and keeps rows for (broadcasts: a policy per
 * resident). The push processor hands a subscribe_msg_sent_event over when no outbound message has its msgid; the
 * other context implements this, so that the mini-program channel does not depend on it.
 */
public interface SubscribeOutcomes {

    /**
     * Applies the outcome to the message with this msgid; a repeated or late one changes nothing.
     *
     * @return whether a message with this msgid is known (false: not yet, or not theirs)
     */
    Uni<Boolean> apply(String msgid, boolean delivered, String detail);
}
