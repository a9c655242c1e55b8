package cn.lianxin.sms.send;

/** What one SendSms call tells us. Texts in it are masked: they may end up in logs and in the message row. */
public sealed interface SendResult {

    /** Aliyun accepted the message ({@code Code == "OK"}); delivery is confirmed later by the receipt for this biz id. */
    record Sent(String bizId) implements SendResult {
    }

    /**
     * Aliyun answered and did not send. {@code permanent}: sending the same message again cannot succeed
     * (stop, fall back, tell a person); otherwise it may succeed later (retry with backoff).
     */
    record Rejected(String code, String message, boolean permanent) implements SendResult {
    }

    /**
     * No answer we can trust (connection failure, timeout, unreadable response): Aliyun may or may not have
     * sent the message. SendSms is not idempotent, so the caller must not send it again before reconciling
     * with a delivery receipt or QuerySendDetails (by the OutId it passed).
     */
    record Unknown(String reason) implements SendResult {
    }
}
