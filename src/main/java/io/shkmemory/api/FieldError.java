package io.shkmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One invalid part of a request.
 *
 * @param field   the path of the field, e.g. {@code query.points[3][1]}
 * @param message what is wrong, with the bound and the value received
 */
@Schema(description = "An invalid field.",
        example = "{\"field\": \"query.points[3][1]\", \"message\": \"must be finite, was NaN\"}")
public record FieldError(
        @Schema(description = "Path of the field", example = "query.points[3][1]") String field,
        @Schema(description = "What is wrong", example = "must be finite, was NaN")
        String message) {
}
