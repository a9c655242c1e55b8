package cn.lianxin.sms.inbound;

import cn.lianxin.sms.PhoneNumber;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One object of a push batch, read field by field. Aliyun writes some fields sometimes as a number and
 * sometimes as a string ({@code sequence_id}, {@code sms_size}, {@code success}); each reader accepts both
 * forms and nothing else, and an error names the field (never its value).
 */
final class PushItem {

    // Aliyun writes push times as Beijing wall-clock time without an offset: "2017-02-02 22:23:24".
    private static final DateTimeFormatter PUSH_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final JsonNode node;
    private final String where;

    PushItem(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    PhoneNumber phone(String field) {
        return PhoneNumber.parse(text(field)).orElseThrow(() -> error(field, "not a mainland China mobile number"));
    }

    /** A required string, possibly empty; a whole number is accepted as its decimal text. */
    String text(String field) {
        return scalar(field).orElseThrow(() -> error(field, "missing"));
    }

    /** A required identifier (biz_id): like {@link #text} but never blank, since it is what receipts are matched by. */
    String identifier(String field) {
        String text = text(field).strip();
        if (text.isEmpty()) {
            throw error(field, "empty");
        }
        return text;
    }

    /** An optional string: absent, null and blank all mean "not given". */
    Optional<String> optionalText(String field) {
        return scalar(field).map(String::strip).filter(text -> !text.isEmpty());
    }

    private Optional<String> scalar(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw error(field, "expected a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return Optional.of(value.asText());
    }

    /** A non-negative whole number written as a number or as a string of digits, kept as its digits. */
    String digits(String field) {
        String text = text(field).strip();
        if (!DIGITS.matcher(text).matches()) {
            throw error(field, "expected a whole number");
        }
        return text;
    }

    int count(String field) {
        try {
            return Integer.parseInt(digits(field));
        } catch (NumberFormatException e) {
            throw error(field, "number too large");
        }
    }

    /** true / false, or the strings "true" / "false" in any case. */
    boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(field, "missing");
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isTextual() ? value.textValue().strip() : "";
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw error(field, "expected true or false");
    }

    OffsetDateTime time(String field) {
        try {
            return LocalDateTime.parse(text(field).strip(), PUSH_TIME).atOffset(BEIJING);
        } catch (DateTimeParseException e) {
            throw error(field, "expected a time as yyyy-MM-dd HH:mm:ss");
        }
    }

    private MalformedPushException error(String field, String problem) {
        return new MalformedPushException(where + "." + field, problem);
    }
}
