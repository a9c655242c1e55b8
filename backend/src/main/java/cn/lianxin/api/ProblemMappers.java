package cn.lianxin.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into one problem+json shape; nothing reaches a client as a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int UNREACHABLE_RETRY_SECONDS = 5;

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response retryLater(RetryLater e) {
        return Response.fromResponse(respond(e.problem())).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(Problem.invalid(errors));
    }

    /** Syntax errors are 400; well-formed JSON with a value of the wrong type is 422 naming the field. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch(mismatch);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return respond(Problem.invalid(List.of(new Problem.FieldError(pathOf(mapping), "has the wrong type or format"))));
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null && atValue(read.getProcessor())) {
            // A value the parser could not take for its field (a number beyond a long, a 20,000-digit "number", a
            // string with invalid UTF-8): it knows which field it stood at.
            return respond(Problem.invalid(List.of(new Problem.FieldError(pathOf(read.getProcessor().getParsingContext().pathAsPointer()),
                    "has the wrong type or format"))));
        }
        return respond(Problem.of(400, "Malformed JSON", "The request body is not valid JSON."));
    }

    /** The parser stopped at a field's scalar value, not between tokens (where a syntax error is the body's fault). */
    private static boolean atValue(JsonParser parser) {
        return parser.currentToken() != null && parser.currentToken().isScalarValue() && parser.getParsingContext().getCurrentName() != null;
    }

    /** "/items/0/phone" as the API names fields: "items[0].phone". */
    private static String pathOf(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.getMatchingIndex() >= 0) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return path.toString();
    }

    /** Declared for the exact type so that it takes precedence over Quarkus's built-in 400 for it. */
    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return respond(Problem.of(400, "Malformed JSON", "The request body does not have the expected shape."));
        }
        // A text can only be refused for its content (TextWithoutNul), which says why.
        String message = e instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class
                ? TextWithoutNul.REFUSED : "has the wrong type or format";
        return respond(Problem.invalid(List.of(new Problem.FieldError(pathOf(e), message))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // RESTEasy wraps Jackson's failures; unwrap so that malformed JSON is reported as such.
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        return respond(Problem.of(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return Response.fromResponse(respond(Problem.of(401, "Unauthorized", "Sign in at /api/auth/login and send the token as 'Authorization: Bearer …'.")))
                .header("WWW-Authenticate", "Bearer realm=\"lianxin\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "You may not do this."));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (isStaleUpdate(e)) {
            return respond(Problem.of(409, "Conflict", "Someone else changed this case at the same moment; reload it and try again."));
        }
        if (isUniqueViolation(e)) {
            return respond(Problem.of(409, "Conflict", "Something with the same unique name, code or id already exists."));
        }
        if (isUnreachable(e)) {
            // Redis or PostgreSQL gone: nothing was done, and the client may try again once it is back (docs/RELIABILITY.md).
            LOG.warnf("A service we depend on cannot be reached: %s", e.getMessage());
            return Response.fromResponse(respond(Problem.of(503, "Service Unavailable",
                    "A service we depend on cannot be reached; nothing was done. Try again shortly."))).header("Retry-After", UNREACHABLE_RETRY_SECONDS)
                    .build();
        }
        if (isOverloaded(e)) {
            // A bounded queue for connections is full: refused before anything was done, and a moment later it has room.
            LOG.warnf("A connection pool's queue is full: %s", e.getMessage());
            return Response.fromResponse(respond(Problem.of(503, "Service Unavailable",
                    "Too many requests at this moment; nothing was done. Try again shortly."))).header("Retry-After", 1).build();
        }
        LOG.error("Unexpected failure", e);
        return respond(Problem.of(500, "Internal error", "Something went wrong on our side; it has been logged."));
    }

    /** A dependency (Redis, PostgreSQL) refused the connection or dropped it: the request did nothing. */
    static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /** A connection pool (Redis's, PostgreSQL's) refused to queue one more waiter. */
    static boolean isOverloaded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionPoolTooBusyException) {
                return true;
            }
        }
        return false;
    }

    /** Optimistic locking: the row's version moved between our read and our write. */
    private static boolean isStaleUpdate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** A unique constraint refused the write: the console shows it at the form's unique field. */
    public static boolean isUniqueViolation(Throwable e) {
        return isViolation(e, "23505");
    }

    /** PostgreSQL refused the write with this SQLSTATE (23505 unique, 23P01 exclusion constraint …). */
    public static boolean isViolation(Throwable e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && sqlState.equals(pg.getSqlState())
                    || t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // Paths look like "register.request.villageId", or "list.phone" for a query parameter: the method (and a
        // body's parameter) are not the client's business.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length > 1 ? parts[parts.length - 1] : path;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
