package cn.lianxin.console;

import cn.lianxin.cases.domain.CaseRejected;
import cn.lianxin.cases.domain.Rejection;
import cn.lianxin.cases.rest.CommandRequests;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a command form of the case page to the API's request record of that command ({@link CommandRequests}) and
 * checks it with the same constraints, so that the console asks nothing the API would not and the command is built
 * by the API's own mapping. Errors come back by field, in the page's words.
 */
@ApplicationScoped
public class CommandForms {

    /** The request (null for a command that carries nothing), what was typed, and what is wrong with it by field. */
    public record Bound(Object request, Map<String, String> values, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final ObjectMapper mapper;
    private final Validator validator;

    public CommandForms(ObjectMapper mapper, Validator validator) {
        // A form's single value binds to a list field (one link) as well as several do.
        this.mapper = mapper.copy().enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        this.validator = validator;
    }

    public Bound bind(CommandRequests.Route<?> route, MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, given) -> values.put(name, String.join("\n", given)));
        if (route.body() == Void.class) {
            return new Bound(null, values, Map.of());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : route.body().getRecordComponents()) {
            List<String> given = form.getOrDefault(component.getName(), List.of()).stream().filter(s -> s != null && !s.isBlank())
                    .map(String::strip).toList();
            if (!given.isEmpty()) {
                fields.put(component.getName(), List.class.isAssignableFrom(component.getType()) ? given : given.get(0));
            }
        }
        Object request;
        try {
            request = mapper.convertValue(fields, route.body());
        } catch (IllegalArgumentException e) {
            return new Bound(null, values, Map.of(fieldOf(e), "格式不对"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<Object> v : validator.validate(request)) {
            errors.putIfAbsent(topField(v.getPropertyPath().toString()), words(v));
        }
        return new Bound(request, values, errors);
    }

    /** A refusal of what the command carries (422), at its field; any other refusal is not the form's to show. */
    public static boolean atAField(Throwable e) {
        return e instanceof CaseRejected rejected && rejected.rejection() instanceof Rejection.Invalid;
    }

    public static Map<String, String> errorOf(Throwable e) {
        Rejection.Invalid invalid = (Rejection.Invalid) ((CaseRejected) e).rejection();
        return Map.of(topField(invalid.field()), "不可用：" + invalid.message());
    }

    private static String words(ConstraintViolation<?> v) {
        String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotNull", "NotBlank" -> "必填";
            case "Size" -> "超出上限（最多 " + v.getConstraintDescriptor().getAttributes().get("max") + "）";
            case "Pattern" -> "须为 http(s) 链接";
            default -> v.getMessage();
        };
    }

    /** "attachments[0].<list element>" is the field "attachments": the form has one input per field. */
    private static String topField(String path) {
        int cut = path.length();
        for (char c : new char[] {'[', '.'}) {
            int at = path.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return path.substring(0, cut);
    }

    private static String fieldOf(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String name = mapping.getPath().get(0).getFieldName();
            return name == null ? "form" : name;
        }
        return "form";
    }
}
