package cn.lianxin.sms.keywords;

import cn.lianxin.sms.keywords.Reading.FeedbackAnswer;
import cn.lianxin.sms.keywords.Reading.FreeText;
import cn.lianxin.sms.keywords.Reading.OptOut;
import cn.lianxin.sms.keywords.Reading.StatusQuery;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few keywords an elderly resident may text back; everything else is free text.
 *
 * <p>A keyword is the <em>whole</em> message once the noise a basic phone or a shaky hand adds is gone:
 * surrounding spaces (also the full-width one), trailing or leading punctuation, full-width letters and
 * digits, traditional characters. A keyword inside a sentence ("我不满意这个答复", "查一下路灯") is not a
 * keyword: the sentence is a message for the representative and stays free text, so nothing a resident
 * writes is ever swallowed by the grammar.
 */
public final class KeywordGrammar {

    // Punctuation a resident may add around a keyword; only stripped at the ends, never inside.
    private static final String EDGE_NOISE = " \t\r\n\u3000\u00a0。．.，,、！!？?~～…:：;；\"'“”‘’";

    // The prompt reads "回复1满意 2基本满意 3不满意", so a resident may copy a whole option ("1满意").
    private static final Pattern FEEDBACK = Pattern.compile("([123])?(满意|基本满意|不满意)?");

    private static final Map<String, Rating> BY_DIGIT = Map.of(
            "1", Rating.SATISFIED, "2", Rating.BASICALLY_SATISFIED, "3", Rating.UNSATISFIED);
    private static final Map<String, Rating> BY_WORD = Map.of(
            "满意", Rating.SATISFIED, "基本满意", Rating.BASICALLY_SATISFIED, "不满意", Rating.UNSATISFIED);

    // 查 or 查询, then optionally a separator and a case number: town code, day, per-day sequence (SG-20261127-0042).
    private static final Pattern STATUS = Pattern.compile("查询?(?:[\\s\u3000:：]*([A-Z]+-\\d{8}-\\d{4,}))?");

    private static final Pattern OPT_OUT = Pattern.compile("R|T|TD|退订");

    // The traditional forms of the only characters the keywords use that differ from the simplified ones.
    private static final Map<Character, Character> SIMPLIFIED = Map.of('滿', '满', '詢', '询', '訂', '订');

    private KeywordGrammar() {
    }

    public static Reading read(String text) {
        String normalised = normalise(text);
        Optional<Rating> rating = feedback(normalised);
        if (rating.isPresent()) {
            return new FeedbackAnswer(rating.get());
        }
        Matcher status = STATUS.matcher(normalised);
        if (status.matches()) {
            return new StatusQuery(Optional.ofNullable(status.group(1)));
        }
        if (OPT_OUT.matcher(normalised).matches()) {
            return new OptOut();
        }
        return new FreeText(text);
    }

    private static Optional<Rating> feedback(String normalised) {
        Matcher m = FEEDBACK.matcher(normalised);
        if (normalised.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        Rating byDigit = m.group(1) == null ? null : BY_DIGIT.get(m.group(1));
        Rating byWord = m.group(2) == null ? null : BY_WORD.get(m.group(2));
        // "1不满意" contradicts itself: better a representative reads it than the case records a guess.
        if (byDigit != null && byWord != null && byDigit != byWord) {
            return Optional.empty();
        }
        return Optional.of(byDigit != null ? byDigit : byWord);
    }

    /** Full-width to half-width, traditional to simplified, upper case, noise off both ends. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            char half = c >= '！' && c <= '～' ? (char) (c - '！' + '!') : c;
            out.append(SIMPLIFIED.getOrDefault(half, half));
        }
        String s = out.toString().toUpperCase(Locale.ROOT);
        int start = 0;
        int end = s.length();
        while (start < end && EDGE_NOISE.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && EDGE_NOISE.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
