package io.shkmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /v1/divergence}. */
@Schema(description = "Two clouds of one dimension.",
        example = "{\"source\": {\"points\": [[0.0, 0.0], [1.0, 0.0]]}, \"target\": "
                + "{\"points\": [[0.0, 0.1], [1.0, 0.1]], \"weights\": [0.4, 0.6]}, "
                + "\"epsilon\": 0.05}")
public record DivergenceRequest(
        @Schema(description = "The first cloud", requiredMode = Schema.RequiredMode.REQUIRED)
        MeasureBody source,
        @Schema(description = "The second cloud, of the source's dimension",
                requiredMode = Schema.RequiredMode.REQUIRED)
        MeasureBody target,
        @Schema(description = "Entropic regularisation, > 0; default 0.05", example = "0.05",
                defaultValue = "0.05", nullable = true)
        Double epsilon,
        @Schema(description = "Marginal-error tolerance of each Sinkhorn solve, > 0; default "
                + "1e-9", example = "1e-9", defaultValue = "1e-9", nullable = true)
        Double tolerance) {
}
