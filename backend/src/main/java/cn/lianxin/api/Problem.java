package cn.lianxin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The one error shape of the whole API (RFC 9457 application/problem+json). {@code errors} names each field at
 * fault, so a client can put the message next to the input that caused it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        String state, List<String> allowedCommands) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of(), null, List.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem("https://lianxin.cn/problems/validation", "Invalid input", 422,
                "Some fields are missing or invalid; see errors.", errors, null, List.of());
    }

    /** A command the case's current step does not accept: names the step and what it does accept. */
    public static Problem illegalState(String detail, String state, List<String> allowedCommands) {
        return new Problem("https://lianxin.cn/problems/illegal-transition", "Not allowed in this step", 409, detail,
                List.of(), state, allowedCommands);
    }
}
