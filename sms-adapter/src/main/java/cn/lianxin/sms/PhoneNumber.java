package cn.lianxin.sms;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mainland-China mobile number in its canonical 11-digit form.
 *
 * <p>Residents and providers write the same number in many ways (+86 138 0013 8000, 0086-13800138000,
 * 8613800138000); everything we store, hash and compare uses this one form so that one person is one
 * resident. {@link #toString()} is masked on purpose: a phone number that slips into a log line or an
 * exception message is never in clear text.
 */
public final class PhoneNumber {

    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()（）\\u00a0]");

    private final String digits;

    private PhoneNumber(String digits) {
        this.digits = digits;
    }

    /** Parses a number written by a person or a provider; empty when it is not a mainland mobile. */
    public static Optional<PhoneNumber> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = toHalfWidthDigits(SEPARATORS.matcher(raw.strip()).replaceAll(""));
        String national = stripCountryCode(compact);
        return MAINLAND_MOBILE.matcher(national).matches() ? Optional.of(new PhoneNumber(national)) : Optional.empty();
    }

    /** Like {@link #parse} but for input that must be valid; the message never repeats the input. */
    public static PhoneNumber of(String raw) {
        return parse(raw).orElseThrow(() -> new IllegalArgumentException("not a mainland China mobile number"));
    }

    private static String stripCountryCode(String compact) {
        if (compact.startsWith("+86")) {
            return compact.substring(3);
        }
        if (compact.startsWith("0086")) {
            return compact.substring(4);
        }
        // "86" is only a prefix when what follows is a whole 11-digit mobile number.
        if (compact.startsWith("86") && compact.length() == 13) {
            return compact.substring(2);
        }
        return compact;
    }

    private static String toHalfWidthDigits(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= '０' && c <= '９' ? (char) (c - '０' + '0') : c == '＋' ? '+' : c);
        }
        return out.toString();
    }

    /** The canonical 11 digits, for storage (encrypted), keyed hashing and sending. */
    public String digits() {
        return digits;
    }

    /** The form views and logs show: 138****1234. */
    public String masked() {
        return Masking.maskDigits(digits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    @Override
    public String toString() {
        return masked();
    }
}
