package cn.lianxin.api;

import java.util.List;

/** A rejection the API reports as problem+json: what went wrong, with which status, and which fields. */
public class ApiException extends RuntimeException {

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException notFound(String what) {
        return new ApiException(Problem.of(404, "Not found", what + " does not exist"));
    }

    /** A reference to something that does not exist or may not be used (an unknown village, say): 422. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(Problem.invalid(List.of(new Problem.FieldError(field, message))));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Problem.of(409, "Conflict", detail));
    }
}
