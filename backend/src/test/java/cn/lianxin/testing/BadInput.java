package cn.lianxin.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A generated corpus of what clients and forgers send that no form would: built from small named pieces (a text
 * with NUL, invalid UTF-8, emoji and rare CJK, an oversized text or body, a value of the wrong type, deep nesting, a
 * huge array, XML that is not what WeCom sends, file names that climb out of a folder), and applied to a valid body
 * field by field. Each sample says which field it spoils, so that a refusal can be checked to name it.
 */
public final class BadInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Past {@code quarkus.http.limits.max-body-size} (11M): announced by Content-Length, so refused before it is read. */
    public static final int OVERSIZED_BODY = 12 * 1024 * 1024;

    private BadInput() {
    }

    /**
     * One request body; {@code field} is the field it spoils, or null when it spoils the body as a whole. A
     * {@code strict} sample's value fits no field of ours (NUL, an array or object where a scalar goes), so a refusal
     * must name that field; another's may be read as the field's type (12345 as the text "12345") and refused later
     * for another field's sake.
     */
    public record Sample(String name, String field, byte[] body, boolean strict) {
        public Sample(String name, String field, byte[] body) {
            this(name, field, body, false);
        }

        @Override
        public String toString() {
            return name + " (" + body.length + " bytes)";
        }
    }

    // --- texts ---

    public static String withNul() {
        return "路灯\u0000坏了";
    }

    /** Valid text a phone does send: emoji (a ZWJ family), and CJK outside the BMP (𠀀 U+20000, 𪚥 U+2A6A5). */
    public static String emojiAndRareCjk() {
        return "路灯坏了😀👨‍👩‍👧 𠀀𪚥";
    }

    public static String oversizedText() {
        return "长".repeat(20_000);
    }

    // --- values ---

    /** What a field of any type may wrongly get: a number, a boolean, an array, an object, a number beyond a long. */
    public static List<Object> wrongTypes() {
        return List.of(12345, true, List.of("x"), Map.of("x", "y"), new java.math.BigInteger("99999999999999999999999"));
    }

    public static List<String> hugeArray() {
        return Collections.nCopies(20_000, "x");
    }

    // --- bodies ---

    /** {"a":{"a":…}} {@code depth} deep: past Jackson's nesting limit. */
    public static byte[] deeplyNested(int depth) {
        return ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code valid} with a byte sequence that is not UTF-8 (a lone continuation byte, a truncated sequence) in {@code field}. */
    public static byte[] invalidUtf8(Map<String, Object> valid, String field) {
        Map<String, Object> marked = new LinkedHashMap<>(valid);
        marked.put(field, "MARK");
        byte[] json = write(marked);
        String text = new String(json, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("MARK");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, at);
        out.writeBytes(new byte[] {(byte) 0xE8, (byte) 0xB7, (byte) 0x80, (byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        out.write(json, at + 4, json.length - at - 4);
        return out.toByteArray();
    }

    /** Bodies that spoil a JSON request as a whole. */
    public static List<Sample> wholeBody(Map<String, Object> valid, String textField) {
        byte[] json = write(valid);
        return List.of(
                new Sample("empty body", null, new byte[0]),
                new Sample("not JSON", null, "路灯坏了".getBytes(StandardCharsets.UTF_8)),
                new Sample("truncated JSON", null, java.util.Arrays.copyOf(json, json.length / 2)),
                new Sample("JSON null", null, "null".getBytes(StandardCharsets.US_ASCII)),
                new Sample("an array instead of an object", null, "[1,2,3]".getBytes(StandardCharsets.US_ASCII)),
                new Sample("deeply nested", null, deeplyNested(5_000)),
                new Sample("invalid UTF-8", null, invalidUtf8(valid, textField)));
    }

    /** {@code valid} with one field spoilt in every way the corpus knows. */
    public static List<Sample> eachField(Supplier<Map<String, Object>> valid) {
        List<Sample> samples = new ArrayList<>();
        for (String field : valid.get().keySet()) {
            samples.add(with(valid, field, "NUL in " + field, withNul(), true));
            samples.add(with(valid, field, "emoji and rare CJK in " + field, emojiAndRareCjk(), false));
            samples.add(with(valid, field, "oversized " + field, oversizedText(), false));
            samples.add(with(valid, field, "huge array as " + field, hugeArray(), true));
            for (Object wrong : wrongTypes()) {
                samples.add(with(valid, field, field + " as " + wrong.getClass().getSimpleName(), wrong, wrong instanceof Map));
            }
        }
        return samples;
    }

    /**
     * The whole corpus for a JSON body; {@code valid} gives a fresh valid body for each sample (its own sequence id
     * or key), so that a sample accepted is stored for itself rather than deduplicated against another.
     */
    public static List<Sample> json(Supplier<Map<String, Object>> valid, String textField) {
        List<Sample> samples = new ArrayList<>(eachField(valid));
        samples.addAll(wholeBody(valid.get(), textField));
        return samples;
    }

    private static Sample with(Supplier<Map<String, Object>> valid, String field, String name, Object value, boolean strict) {
        Map<String, Object> spoilt = new LinkedHashMap<>(valid.get());
        spoilt.put(field, value);
        return new Sample(name, field, write(spoilt), strict);
    }

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- WeCom's XML ---

    /** Envelopes that are not what WeCom posts: each is refused before anything is decrypted or stored. */
    public static List<Sample> malformedEnvelopes() {
        return List.of(
                new Sample("empty envelope", null, new byte[0]),
                new Sample("not XML", null, "路灯坏了".getBytes(StandardCharsets.UTF_8)),
                new Sample("truncated XML", null, "<xml><ToUserName><![CDATA[ww".getBytes(StandardCharsets.UTF_8)),
                new Sample("no Encrypt", null, "<xml><ToUserName>ww</ToUserName></xml>".getBytes(StandardCharsets.UTF_8)),
                new Sample("Encrypt not base64", null, "<xml><Encrypt>%%%\u0000</Encrypt></xml>".getBytes(StandardCharsets.UTF_8)),
                new Sample("NUL in the envelope", null, "<xml>\u0000</xml>".getBytes(StandardCharsets.UTF_8)),
                new Sample("invalid UTF-8 envelope", null, new byte[] {'<', 'x', 'm', 'l', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'x', 'm', 'l', '>'}),
                new Sample("deeply nested XML", null, ("<a>".repeat(5_000) + "</a>".repeat(5_000)).getBytes(StandardCharsets.US_ASCII)));
    }

    /** Plaintexts that decrypt well (signed and encrypted by WeCom's scheme) yet are not a WeCom message. */
    public static List<String> malformedMessages(String fromUser) {
        return List.of(
                "",
                "路灯坏了",
                "<xml><FromUserName><![CDATA[" + fromUser + "]]></FromUserName>",
                "<xml><FromUserName><![CDATA[" + fromUser + "]]></FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType>"
                        + "<Content>x</Content><MsgId>not-a-number</MsgId></xml>",
                "<xml><FromUserName><![CDATA[" + fromUser + "]]></FromUserName><CreateTime>1</CreateTime></xml>",
                "<xml>" + "<a>".repeat(5_000) + "</a>".repeat(5_000) + "</xml>");
    }

    // --- file names ---

    /** Names an upload may carry that must never decide where its bytes go. */
    public static List<String> traversalFileNames() {
        return List.of("../../../../tmp/lianxin-escape.png", "..\\..\\..\\lianxin-escape.png", "/etc/passwd", "a\u0000.png",
                "..%2F..%2Flianxin-escape.png", "照片😀𠀀.png", "x".repeat(5_000) + ".png");
    }
}
