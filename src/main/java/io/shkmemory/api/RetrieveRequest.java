package io.shkmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /v1/memories/{name}/retrieve}; all but the query optional. */
@Schema(description = "A query and optional settings of the descent; absent settings take "
        + "the memory's epsilon and beta or the engine's defaults.",
        example = "{\"query\": {\"points\": [[0.02, -0.01, 0.0], [0.98, 0.03, 0.01]]}, "
                + "\"topK\": 3, \"includeTrace\": false}")
public record RetrieveRequest(
        @Schema(description = "The noisy, shuffled or re-weighted cloud to recall from",
                requiredMode = Schema.RequiredMode.REQUIRED)
        MeasureBody query,
        @Schema(description = "Inverse temperature, > 0; default the memory's beta",
                example = "100.0", nullable = true)
        Double beta,
        @Schema(description = "Entropic regularisation, > 0; default the memory's epsilon",
                example = "0.05", nullable = true)
        Double epsilon,
        @Schema(description = "Initial and largest transport step tau, > 0; default 1",
                example = "1.0", defaultValue = "1.0", nullable = true)
        Double transportStep,
        @Schema(description = "Initial and largest weight step eta, >= 0 (0 keeps the "
                + "query's weights); default 0.05", example = "0.05", defaultValue = "0.05",
                nullable = true)
        Double weightStep,
        @Schema(description = "Cap on accepted steps, 0 to shk.limits.max-steps (default "
                + "10000); default 100", example = "100", defaultValue = "100", nullable = true)
        Integer maxSteps,
        @Schema(description = "Convergence threshold on energy decrease, displacement and "
                + "weight change, > 0; default 1e-6", example = "1e-6", defaultValue = "1e-6",
                nullable = true)
        Double tolerance,
        @Schema(description = "Wall-clock budget in ms, 1 to shk.limits.max-timeout (default "
                + "60000); default shk.limits.default-timeout (10000). It counts the wait for an "
                + "engine worker. On expiry the best state so far is answered "
                + "with stopReason timeout.", example = "5000", nullable = true)
        Long timeoutMillis,
        @Schema(description = "How many matches to report, 1 to shk.limits.max-top-k; "
                + "default 5", example = "3", defaultValue = "5", nullable = true)
        Integer topK,
        @Schema(description = "Whether to answer the energy trace; default false",
                example = "false", defaultValue = "false", nullable = true)
        Boolean includeTrace) {
}
