package io.shkmemory.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /v1/memories/{name}/patterns}. */
@Schema(description = "Patterns to insert or replace, all or nothing.",
        example = "{\"patterns\": [{\"id\": \"corner-1\", \"points\": [[0.0, 0.0, 0.0], "
                + "[1.0, 0.0, 0.0]], \"metadata\": {\"label\": \"corner\"}}, {\"id\": \"corner-2\", "
                + "\"points\": [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], \"weights\": [0.3, 0.7]}]}")
public record BatchRequest(
        @Schema(description = "1 to shk.limits.max-batch (default 1000) patterns with distinct "
                + "ids", requiredMode = Schema.RequiredMode.REQUIRED)
        List<BatchPattern> patterns) {
}
