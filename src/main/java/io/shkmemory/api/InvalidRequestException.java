package io.shkmemory.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the fields at fault; answered as a ProblemDetail. */
public final class InvalidRequestException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    public InvalidRequestException(HttpStatus status, List<FieldError> errors) {
        super(errors.isEmpty() ? status.getReasonPhrase()
                : errors.get(0).field() + ": " + errors.get(0).message());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(HttpStatus.BAD_REQUEST,
                List.of(new FieldError(field, message)));
    }

    public static InvalidRequestException tooLarge(String field, String message) {
        return new InvalidRequestException(HttpStatus.CONTENT_TOO_LARGE,
                List.of(new FieldError(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
