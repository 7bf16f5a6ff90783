package io.shkmemory.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of every error answer, for the OpenAPI document only: the API answers Spring's
 * {@link org.springframework.http.ProblemDetail}, whose extra {@code errors} property this
 * record spells out so that generated clients can read the fields at fault.
 */
@Schema(name = "ProblemDetail", description = "An error as RFC 9457 problem details "
        + "(application/problem+json).", example = ProblemDocument.EXAMPLE)
public record ProblemDocument(
        @Schema(description = "Problem type URI; about:blank for plain HTTP statuses",
                example = "about:blank")
        String type,
        @Schema(description = "Short summary of the problem type", example = "Invalid request")
        String title,
        @Schema(description = "The HTTP status", example = "400") Integer status,
        @Schema(description = "What went wrong this time; for invalid input, the first field "
                + "at fault", example = "query.points[1][0]: must be finite, was NaN")
        String detail,
        @Schema(description = "The request path", example = "/v1/memories/shapes/retrieve")
        String instance,
        @Schema(description = "The fields at fault, for invalid input", nullable = true)
        List<FieldError> errors) {

    /** The example error of the document, on the schema and on every error answer. */
    public static final String EXAMPLE = "{\"type\": \"about:blank\", \"title\": "
            + "\"Invalid request\", \"status\": 400, \"detail\": \"query.points[1][0]: must be "
            + "finite, was NaN\", \"instance\": \"/v1/memories/shapes/retrieve\", \"errors\": "
            + "[{\"field\": \"query.points[1][0]\", \"message\": \"must be finite, was NaN\"}]}";
}
