package io.shkmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /v1/memories/{name}/search}. */
@Schema(description = "A query to rank the patterns by Sinkhorn divergence, without dynamics.",
        example = "{\"query\": {\"points\": [[0.02, -0.01, 0.0], [0.98, 0.03, 0.01]]}, "
                + "\"topK\": 5}")
public record SearchRequest(
        @Schema(description = "The cloud to compare with every pattern",
                requiredMode = Schema.RequiredMode.REQUIRED)
        MeasureBody query,
        @Schema(description = "How many matches, 1 to shk.limits.max-top-k (default 1000); "
                + "default 5", example = "5", defaultValue = "5", nullable = true)
        Integer topK,
        @Schema(description = "Entropic regularisation, > 0; default the memory's epsilon",
                example = "0.05", nullable = true)
        Double epsilon) {
}
