package cn.lianxin.sms;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data before it reaches a log line or a view. */
public final class Masking {

    // A mobile number inside free text, with or without a country code; digits around it must not
    // be part of a longer number (an order id is not a phone number).
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<!\\d)(?:\\+?86|0086)?(1[3-9]\\d)(\\d{4})(\\d{4})(?!\\d)");

    private Masking() {
    }

    /** 13800138000 → 138****8000; anything that is not 11 digits is hidden whole. */
    public static String maskDigits(String digits) {
        if (digits == null || digits.length() != 11) {
            return "***";
        }
        return digits.substring(0, 3) + "****" + digits.substring(7);
    }

    /** Replaces every mobile number in a text (an SMS body, a log message) by its masked form. */
    public static String maskPhones(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MOBILE_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1) + "****" + m.group(3));
        }
        m.appendTail(out);
        return out.toString();
    }
}
