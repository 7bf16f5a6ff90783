package io.shkmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of a batch upsert. */
@Schema(description = "How many patterns were stored.", example = "{\"upserted\": 2}")
public record BatchResponse(
        @Schema(description = "Patterns inserted or replaced", example = "2") int upserted) {
}
