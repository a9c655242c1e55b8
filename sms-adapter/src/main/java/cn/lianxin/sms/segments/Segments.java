package cn.lianxin.sms.segments;

/**
 * Billing segments of an SMS as the operators count them for Chinese text: up to 70 characters is one
 * message; a longer one is split into parts of 67 (each part loses three to the concatenation header).
 *
 * <p>Every method takes the text <em>as it will be sent</em>, signature 【…】 included, because the
 * operator bills the signature too. Characters are Unicode code points, so a character outside the basic
 * plane (a rare name character, an emoji) counts once, as on the handset.
 */
public final class Segments {

    static final int SINGLE = 70;
    static final int PER_PART = 67;

    private Segments() {
    }

    /** How many segments the text is billed as; an empty text is still one message. */
    public static int count(String text) {
        int length = length(text);
        return length <= SINGLE ? 1 : (length + PER_PART - 1) / PER_PART;
    }

    /**
     * The text unchanged if it fits in {@code maxSegments}; otherwise its beginning followed by the pointer
     * ("…详情请在连心桥小程序查看或致电回复"), filling the segments exactly, so that a long reply costs a known
     * amount and still tells the resident where the rest is.
     *
     * @throws IllegalArgumentException when {@code maxSegments} is below one, or the pointer alone does not fit
     */
    public static String fit(String text, int maxSegments, String pointer) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("maxSegments must be at least 1, was " + maxSegments);
        }
        if (count(text) <= maxSegments) {
            return text;
        }
        int capacity = maxSegments == 1 ? SINGLE : maxSegments * PER_PART;
        int kept = capacity - length(pointer);
        if (kept < 0) {
            throw new IllegalArgumentException("the pointer alone is longer than " + maxSegments + " segment(s)");
        }
        return text.substring(0, text.offsetByCodePoints(0, kept)) + pointer;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
