package io.shkmemory.api;

import java.util.List;
import java.util.concurrent.CancellationException;

import io.shkmemory.config.ShkProperties;
import io.shkmemory.engine.InvalidMeasureException;
import io.shkmemory.memory.DimensionConflictException;
import io.shkmemory.memory.EmptyMemoryException;
import io.shkmemory.memory.EngineSaturatedException;
import io.shkmemory.memory.ExceedsEngineMemoryException;
import io.shkmemory.memory.IndexNotReadyException;
import io.shkmemory.memory.MemoryNotFoundException;
import io.shkmemory.memory.PatternNotFoundException;
import io.shkmemory.memory.TooManyPatternsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every failure into an {@code application/problem+json} answer (RFC 9457) with
 * {@code status}, {@code title}, {@code detail} and, for invalid input, {@code errors}:
 * the fields at fault.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Status of an answer to a client that closed its connection first (not in RFC 9110). */
    static final int CLIENT_CLOSED_REQUEST = 499;

    private final long retryAfterSeconds;

    public ApiExceptionHandler(ShkProperties properties) {
        this.retryAfterSeconds = Math.max(1, properties.engine().retryAfter().toSeconds());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        String title = e.status() == HttpStatus.CONTENT_TOO_LARGE ? "Input too large"
                : "Invalid request";
        return problem(e.status(), title, e.getMessage(), e.errors(), null);
    }

    @ExceptionHandler(InvalidMeasureException.class)
    ResponseEntity<Object> invalidMeasure(InvalidMeasureException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(),
                List.of(new FieldError(e.field(), e.problem())), null);
    }

    @ExceptionHandler(MemoryNotFoundException.class)
    ResponseEntity<Object> memoryNotFound(MemoryNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Memory not found", e.getMessage(),
                List.of(new FieldError("name", e.getMessage())), null);
    }

    @ExceptionHandler(PatternNotFoundException.class)
    ResponseEntity<Object> patternNotFound(PatternNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Pattern not found", e.getMessage(),
                List.of(new FieldError("id", e.getMessage())), null);
    }

    @ExceptionHandler(DimensionConflictException.class)
    ResponseEntity<Object> dimensionConflict(DimensionConflictException e) {
        return problem(HttpStatus.CONFLICT, "Dimension conflict", e.getMessage(),
                List.of(new FieldError(e.field(), e.getMessage())), null);
    }

    @ExceptionHandler(EmptyMemoryException.class)
    ResponseEntity<Object> emptyMemory(EmptyMemoryException e) {
        return problem(HttpStatus.CONFLICT, "Memory is empty", e.getMessage(),
                List.of(new FieldError("name", e.getMessage())), null);
    }

    @ExceptionHandler(EngineSaturatedException.class)
    ResponseEntity<Object> saturated(EngineSaturatedException e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "Engine busy", e.getMessage(), null,
                retryAfterSeconds);
    }

    @ExceptionHandler(TooManyPatternsException.class)
    ResponseEntity<Object> tooManyPatterns(TooManyPatternsException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Input too large", e.getMessage(),
                List.of(new FieldError("patterns", e.getMessage())), null);
    }

    @ExceptionHandler(ExceedsEngineMemoryException.class)
    ResponseEntity<Object> exceedsEngineMemory(ExceedsEngineMemoryException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Input too large", e.getMessage(),
                List.of(new FieldError(e.field(), e.getMessage())), null);
    }

    @ExceptionHandler(Deferred.RequestTimeoutException.class)
    ResponseEntity<Object> timedOut(Deferred.RequestTimeoutException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Timed out", e.getMessage(), null,
                retryAfterSeconds);
    }

    /**
     * Nobody reads this answer: the client has gone. Its status is the "client closed
     * request" of nginx, so that access logs and gateways count it as the client's doing.
     */
    @ExceptionHandler(Deferred.ClientClosedException.class)
    ResponseEntity<Object> clientClosed(Deferred.ClientClosedException e) {
        return ResponseEntity.status(CLIENT_CLOSED_REQUEST).build();
    }

    @ExceptionHandler(IndexNotReadyException.class)
    ResponseEntity<Object> notReady(IndexNotReadyException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not ready", e.getMessage(), null,
                retryAfterSeconds);
    }

    @ExceptionHandler(CancellationException.class)
    ResponseEntity<Object> cancelled(CancellationException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Cancelled", e.getMessage(), null,
                retryAfterSeconds);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = "must be " + describe(e.getRequiredType()) + ", was '" + e.getValue()
                + "'";
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getName() + ": " + message,
                List.of(new FieldError(e.getName(), message)), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the request failed unexpectedly", null, null);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String message = "must be " + describe(e.getRequiredType()) + ", was '" + e.getValue()
                + "'";
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message,
                List.of(new FieldError(field, message)), null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        PayloadTooLargeException tooLarge = causeOf(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Input too large",
                    tooLarge.getMessage(), List.of(new FieldError("body", tooLarge.getMessage())),
                    null);
        }
        JacksonException json = causeOf(e, JacksonException.class);
        String field = "body";
        String message = "is required and must be a JSON object";
        if (json != null) {
            String path = path(json.getPath());
            field = path.isEmpty() ? "body" : path;
            message = json instanceof StreamReadException
                    ? "is not valid JSON: " + firstLine(json.getOriginalMessage())
                    : "has the wrong type or shape: " + firstLine(json.getOriginalMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message,
                List.of(new FieldError(field, message)), null);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> entity = super.handleExceptionInternal(e, body, headers, status,
                request);
        if (entity == null) {
            return null;
        }
        return ResponseEntity.status(entity.getStatusCode())
                .headers(entity.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(entity.getBody());
    }

    /** Jackson's path as {@code query.points[3][1]}. */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail,
                                                  List<FieldError> errors, Long retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        return answer.body(problem);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "an integer";
        }
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
