package cn.lianxin.sms.inbound;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the bodies of Aliyun's SmsUp and SmsReport pushes: a JSON array (a batch) of objects, UTF-8.
 *
 * <p>A batch is read whole or not at all: one malformed item rejects the body, so that what the backend
 * stores is always the complete batch Aliyun sent (a partial store would acknowledge items never read).
 */
public final class AliyunPushes {

    // A body with something after its array is not one Aliyun wrote: refuse it rather than read half of it.
    /**
     * A control character (a NUL, say) left unescaped in one resident's text is read as it is rather than refusing
     * the whole batch: the receiver cleans text before storing it, and a refused batch would be every resident's.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();

    private AliyunPushes() {
    }

    public static List<SmsUp> smsUp(String body) {
        return readBatch(body, "SmsUp", SmsUp::read);
    }

    public static List<SmsReport> smsReport(String body) {
        return readBatch(body, "SmsReport", SmsReport::read);
    }

    private static <T> List<T> readBatch(String body, String kind, Function<PushItem, T> reader) {
        JsonNode batch = parse(body, kind);
        if (!batch.isArray()) {
            throw new MalformedPushException("", kind + " push: expected a JSON array, got "
                    + batch.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<T> items = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String where = kind + "[" + i + "]";
            JsonNode item = batch.get(i);
            if (!item.isObject()) {
                throw new MalformedPushException(where, "expected an object");
            }
            items.add(reader.apply(new PushItem(item, where)));
        }
        return List.copyOf(items);
    }

    private static JsonNode parse(String body, String kind) {
        if (body == null || body.isBlank()) {
            throw new MalformedPushException("", kind + " push: empty body");
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            // Only the position: Jackson's own message quotes the body, and the body holds phone numbers.
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new MalformedPushException("", kind + " push: not JSON" + position);
        }
    }
}
