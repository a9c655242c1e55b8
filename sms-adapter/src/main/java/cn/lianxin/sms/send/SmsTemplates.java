package cn.lianxin.sms.send;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of our templates with the Aliyun template code of each, and the one place that checks a
 * message's parameters against its template. Checking here, before any request, turns a forgotten parameter
 * into a programming error we see at once instead of an {@code isv.TEMPLATE_MISSING_PARAMETERS} from the
 * provider (or worse, an SMS with an empty gap an elderly reader cannot make sense of).
 */
public final class SmsTemplates {

    private final Map<SmsTemplate, String> codes;

    private SmsTemplates(Map<SmsTemplate, String> codes) {
        this.codes = codes;
    }

    /** Every template under its placeholder code (SMS_LIANXIN_…): enough for the sandbox and for tests. */
    public static SmsTemplates withPlaceholderCodes() {
        return fromConfig(Map.of());
    }

    /**
     * The codes configured as {@code lianxin.sms.aliyun.template-codes.<config name>}, keyed by config name
     * (case-registered, case-reply, …); templates not configured keep their placeholder code. An unknown
     * name is refused: a typo would otherwise silently leave the placeholder in production.
     */
    public static SmsTemplates fromConfig(Map<String, String> codesByConfigName) {
        Map<SmsTemplate, String> codes = new EnumMap<>(SmsTemplate.class);
        for (SmsTemplate template : SmsTemplate.values()) {
            codes.put(template, template.placeholderCode());
        }
        codesByConfigName.forEach((name, code) -> {
            SmsTemplate template = byConfigName(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown SMS template '" + name + "'; known: " + Arrays.stream(SmsTemplate.values()).map(SmsTemplate::configName).toList()));
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("SMS template '" + name + "' has an empty code");
            }
            codes.put(template, code.strip());
        });
        return new SmsTemplates(codes);
    }

    private static Optional<SmsTemplate> byConfigName(String name) {
        return Arrays.stream(SmsTemplate.values()).filter(t -> t.configName().equals(name)).findFirst();
    }

    /** The code Aliyun approved the template under. */
    public String codeOf(SmsTemplate template) {
        return codes.get(template);
    }

    /**
     * The parameters in the template's order, once every named parameter has a non-blank value and no
     * unknown name is present (an unknown name is almost always a misspelt known one).
     *
     * @throws IllegalArgumentException naming the missing or unknown parameters, never their values
     */
    public Map<String, String> checkedParameters(SmsTemplate template, Map<String, String> params) {
        List<String> missing = new ArrayList<>();
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : template.parameters()) {
            String value = params.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            } else {
                ordered.put(name, value);
            }
        }
        List<String> unknown = params.keySet().stream().filter(name -> !template.parameters().contains(name)).sorted().toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("SMS template " + template + ": missing parameters " + missing
                    + ", unknown parameters " + unknown);
        }
        return ordered;
    }

    /** The text the resident would read, for the sandbox outbox and previews. */
    public String render(SmsTemplate template, Map<String, String> params) {
        String text = template.text();
        for (Map.Entry<String, String> param : checkedParameters(template, params).entrySet()) {
            text = text.replace("${" + param.getKey() + "}", param.getValue());
        }
        return text;
    }
}
