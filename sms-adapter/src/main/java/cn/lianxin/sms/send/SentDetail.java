package cn.lianxin.sms.send;

/**
 * What QuerySendDetails says about one message we sent, found by its OutId: how we reconcile a send whose
 * outcome was {@link SendResult.Unknown}.
 */
public sealed interface SentDetail {

    /** Aliyun has the message; {@code errCode} is the operator's code when it failed (SendStatus 2). */
    record Found(Delivery delivery, String errCode) implements SentDetail {
    }

    /** Aliyun has no message with this OutId for the number on those dates. */
    record NotFound() implements SentDetail {
    }

    /** The query itself got no trustworthy answer; ask again later. Masked. */
    record Unavailable(String reason) implements SentDetail {
    }

    /** SendStatus as Aliyun documents it: 1 waiting for the operator's receipt, 2 failed, 3 delivered. */
    enum Delivery {
        WAITING, FAILED, DELIVERED;

        static Delivery of(Long sendStatus) {
            if (sendStatus == null) {
                return WAITING;
            }
            return switch (sendStatus.intValue()) {
                case 2 -> FAILED;
                case 3 -> DELIVERED;
                default -> WAITING;
            };
        }
    }
}
