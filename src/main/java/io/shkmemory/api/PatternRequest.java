package io.shkmemory.api;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code PUT /v1/memories/{name}/patterns/{id}}. */
@Schema(description = "A pattern: a weighted point cloud with optional metadata.",
        example = "{\"points\": [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], "
                + "\"weights\": [0.25, 0.5, 0.25], \"metadata\": {\"label\": \"corner\"}}")
public record PatternRequest(
        @Schema(description = "Points, each with the memory's dimension of finite "
                + "coordinates; at most shk.limits.max-points (default 10000).",
                example = "[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        double[][] points,
        @Schema(description = "Weights, one per point, finite and >= 0 with a positive sum; "
                + "normalised to sum 1. Default uniform.", example = "[0.25, 0.5, 0.25]",
                nullable = true)
        double[] weights,
        @Schema(description = "Free JSON object stored with the pattern, at most "
                + "shk.limits.max-metadata-bytes (default 16384) serialised. Default {}.",
                example = "{\"label\": \"corner\"}", nullable = true)
        Map<String, Object> metadata) {
}
