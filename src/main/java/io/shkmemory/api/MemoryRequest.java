package io.shkmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /v1/memories/{name}}: the memory's full settings.
 *
 * @param dimension   required; the dimension of every point
 * @param epsilon     optional, default {@code shk.memory.epsilon}
 * @param beta        optional, default {@code shk.memory.beta}
 * @param description optional free text
 */
@Schema(description = "Settings of a memory. PUT replaces them all: an absent optional field "
        + "takes its default, also on update.",
        example = "{\"dimension\": 3, \"epsilon\": 0.05, \"beta\": 100.0, "
                + "\"description\": \"shapes of parts\"}")
public record MemoryRequest(
        @Schema(description = "Dimension d of every point of every pattern (1 to "
                + "shk.limits.max-dimension, default 4096). Can change only while the memory "
                + "holds no patterns, else 409.", example = "3",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Integer dimension,
        @Schema(description = "Entropic regularisation of the Sinkhorn divergence, > 0, in "
                + "squared units of the data. Default 0.05 (shk.memory.epsilon).",
                example = "0.05", defaultValue = "0.05")
        Double epsilon,
        @Schema(description = "Inverse temperature of the retrieval energy, > 0. Default 100 "
                + "(shk.memory.beta). The true pattern dominates a crowd of K when beta times "
                + "its divergence gap is well above log K.", example = "100.0",
                defaultValue = "100")
        Double beta,
        @Schema(description = "Free text, at most 4096 characters. Default none.",
                example = "shapes of parts", nullable = true)
        String description) {
}
