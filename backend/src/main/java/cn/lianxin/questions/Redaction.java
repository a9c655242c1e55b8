package cn.lianxin.questions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The personal data a text would show the public, found by pattern and proposed for removal: ID numbers, phone numbers,
 * plate numbers, house numbers and the names given (the asker's, when anonymous). Only a proposal — a person confirms
 * or edits it before anything is published — so it errs towards redacting: a 3号 that was a date costs a word, a
 * missed phone number costs a resident.
 */
public final class Redaction {

    /** What was found, in the order it is looked for: an ID number holds eleven digits that are not a phone number. */
    public enum Kind {
        ID_NUMBER("身份证号", "(?<![0-9A-Za-z])\\d{17}[\\dXx](?![0-9A-Za-z])"),
        PHONE("电话", "(?<![\\d+])(?:\\+?86[-\\s]?)?1[3-9]\\d[-\\s]?\\d{4}[-\\s]?\\d{4}(?!\\d)|(?<!\\d)0\\d{2,3}-?\\d{7,8}(?!\\d)"),
        PLATE("车牌", "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z][·•\\s]?[A-Za-z0-9]{5,6}(?![A-Za-z0-9])"),
        // Not after 月 or a digit: 5月3号 is a date.
        HOUSE_NUMBER("门牌", "(?<![\\d月.])\\d{1,5}(?:-\\d{1,5})?(?:号楼|号院|单元|号|栋|幢|室|户)"),
        NAME("姓名", null);

        public final String label;
        private final Pattern pattern;

        Kind(String label, String regex) {
            this.label = label;
            this.pattern = regex == null ? null : Pattern.compile(regex);
        }

        /** What the public reads in its place. */
        public String replacement() {
            return "【" + label + "已隐去】";
        }
    }

    /** A stretch of the text: kept as it is ({@code kind} null) or found to be personal data of that kind. */
    public record Part(String original, Kind kind) {
        public boolean redacted() {
            return kind != null;
        }

        public String shown() {
            return kind == null ? original : kind.replacement();
        }
    }

    /** The text in parts; {@link #text()} is what would be published. */
    public record Redacted(List<Part> parts) {
        public String text() {
            return parts.stream().map(Part::shown).collect(Collectors.joining());
        }

        public Set<Kind> kinds() {
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            parts.stream().filter(Part::redacted).forEach(p -> kinds.add(p.kind()));
            return kinds;
        }

        public boolean changed() {
            return parts.stream().anyMatch(Part::redacted);
        }

        /** The kinds found, in words: 电话、身份证号. */
        public String found() {
            return kinds().stream().map(k -> k.label).collect(Collectors.joining("、"));
        }
    }

    private record Found(int start, int end, Kind kind) {
    }

    /** Names shorter than two characters are not looked for: one character is part of too many words. */
    private static final int SHORTEST_NAME = 2;

    private Redaction() {
    }

    public static Redacted of(String text, Collection<String> names) {
        List<Found> found = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind.pattern != null) {
                find(text, kind.pattern, kind, found);
            }
        }
        for (String name : names) {
            if (name != null && name.strip().length() >= SHORTEST_NAME) {
                find(text, Pattern.compile(Pattern.quote(name.strip())), Kind.NAME, found);
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        List<Part> parts = new ArrayList<>();
        int at = 0;
        for (Found f : found) {
            if (f.start() > at) {
                parts.add(new Part(text.substring(at, f.start()), null));
            }
            parts.add(new Part(text.substring(f.start(), f.end()), f.kind()));
            at = f.end();
        }
        if (at < text.length()) {
            parts.add(new Part(text.substring(at), null));
        }
        return new Redacted(List.copyOf(parts));
    }

    /** Adds the matches that overlap nothing found before: the earlier kind wins. */
    private static void find(String text, Pattern pattern, Kind kind, List<Found> found) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            if (found.stream().noneMatch(f -> start < f.end() && f.start() < end)) {
                found.add(new Found(start, end, kind));
            }
        }
    }
}
