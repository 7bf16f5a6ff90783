package io.shkmemory.api;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One pattern of a batch upsert. */
@Schema(description = "A pattern with its id.",
        example = "{\"id\": \"corner-1\", \"points\": [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]], "
                + "\"weights\": null, \"metadata\": {\"label\": \"corner\"}}")
public record BatchPattern(
        @Schema(description = "The pattern's id, [A-Za-z0-9._-]{1,128}, unique in the batch",
                example = "corner-1", requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
        @Schema(description = "Points, each with the memory's dimension of finite coordinates",
                example = "[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        double[][] points,
        @Schema(description = "Weights, one per point; default uniform", example = "[0.5, 0.5]",
                nullable = true)
        double[] weights,
        @Schema(description = "Free JSON object; default {}", example = "{\"label\": \"corner\"}",
                nullable = true)
        Map<String, Object> metadata) {
}
