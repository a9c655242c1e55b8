package cn.lianxin.channels.sms;

import io.smallrye.mutiny.Uni;

/**
 * Delivery receipts for SMS another context sent in batches under an OutId of its own (broadcasts: one SendSms
 * call to many numbers). The receipt processor hands such a receipt over instead of matching it to a message row;
 * the other context implements this, so that SMS does not depend on it.
 */
public interface BatchReceipts {

    /** Whether a receipt with this OutId is for one of the batches. */
    boolean owns(String outId);

    /** Applies one stored receipt; a repeated or late one changes nothing. */
    Uni<Void> apply(String bizId, byte[] phoneHash, boolean success, String errCode);
}
