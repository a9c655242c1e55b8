package cn.lianxin.sms.send;

import java.util.Map;

/**
 * The one table that decides whether an Aliyun error code is worth retrying. A code is here only when we know
 * what it means; anything else is treated as permanent (see {@link #isTransient}).
 */
final class AliyunErrorCodes {

    /** Codes after which the same message can succeed later, with why. */
    private static final Map<String, String> TRANSIENT = Map.of(
            "isv.BUSINESS_LIMIT_CONTROL", "per-number minute/hour flow control; it clears within the hour",
            "isp.SYSTEM_ERROR", "the provider's own failure; Aliyun asks callers to try again",
            "ServiceUnavailable", "the API gateway is overloaded and refused the call before handling it");

    /** Gateway throttling comes as Throttling, Throttling.User, Throttling.Api …: the call was refused, not sent. */
    private static final String THROTTLING_PREFIX = "Throttling";

    /**
     * Codes known to be final for this message, with why. They are listed (although the default is
     * permanent anyway) so that the decision is written down and reviewed, not implied.
     */
    private static final Map<String, String> PERMANENT = Map.ofEntries(
            Map.entry("isv.MOBILE_NUMBER_ILLEGAL", "the number is not one Aliyun can send to; it will not become one"),
            Map.entry("isv.TEMPLATE_MISSING_PARAMETERS", "our parameters do not fit the approved template: a code fix"),
            Map.entry("isv.INVALID_PARAMETERS", "a malformed parameter; the same request fails the same way"),
            Map.entry("isv.INVALID_JSON_PARAM", "TemplateParam is not valid JSON"),
            Map.entry("isv.PARAM_LENGTH_LIMIT", "a parameter value is longer than the template allows"),
            Map.entry("isv.SMS_TEMPLATE_ILLEGAL", "the template code is unknown or not approved: configuration"),
            Map.entry("isv.SMS_SIGNATURE_ILLEGAL", "the sign name is unknown or not approved: configuration"),
            Map.entry("isv.BLACK_KEY_CONTROL_LIMIT", "the text contains a blocked keyword; it is refused every time"),
            Map.entry("isv.DENY_IP_RANGE", "our source address is not allowed for this account: configuration"),
            Map.entry("isv.MOBILE_COUNT_OVER_LIMIT", "more numbers than one call accepts: a code fix"),
            Map.entry("isv.AMOUNT_NOT_ENOUGH", "the account is out of credit; a person must top it up, fall back meanwhile"),
            Map.entry("isv.OUT_OF_SERVICE", "the account is suspended; a person must act, fall back meanwhile"),
            Map.entry("isv.DAY_LIMIT_CONTROL", "the per-number daily limit is reached: no retry inside the backoff window"
                    + " can succeed today, and our own limits should have stopped it first, so a person must look"),
            Map.entry("isv.MONTH_LIMIT_CONTROL", "the monthly limit is reached; as for the daily one"),
            Map.entry("isp.RAM_PERMISSION_DENY", "the access key lacks the SMS permission: configuration"));

    private AliyunErrorCodes() {
    }

    /**
     * Whether the code is one where trying again later can succeed. Unknown codes are not: the provider did
     * answer that it refused the message, and retrying a refusal we do not understand would only repeat it.
     */
    static boolean isTransient(String code) {
        return code != null && (TRANSIENT.containsKey(code) || code.startsWith(THROTTLING_PREFIX));
    }

    /** Whether the code is in the table at all, transient or permanent. */
    static boolean isKnown(String code) {
        return isTransient(code) || PERMANENT.containsKey(code);
    }
}
