package io.shkmemory.api;

import io.shkmemory.engine.Measure;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A weighted point cloud on the wire.
 *
 * @param points  the points, each with the memory's dimension of coordinates
 * @param weights one weight per point; uniform when absent
 */
@Schema(description = "A weighted point cloud. Weights are optional (uniform when absent), "
        + "finite, >= 0 with a positive sum, and are normalised to sum 1.",
        example = "{\"points\": [[0.02, -0.01, 0.0], [0.98, 0.03, 0.01]], "
                + "\"weights\": [0.5, 0.5]}")
public record MeasureBody(
        @Schema(description = "Points, each an array of finite coordinates, all of one "
                + "dimension; at most shk.limits.max-points (default 10000).",
                example = "[[0.02, -0.01, 0.0], [0.98, 0.03, 0.01]]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        double[][] points,
        @Schema(description = "Weights, one per point, finite and >= 0 with a positive sum; "
                + "default uniform.", example = "[0.5, 0.5]", nullable = true)
        double[] weights) {

    static MeasureBody of(Measure measure) {
        return new MeasureBody(measure.points(), measure.weights());
    }
}
