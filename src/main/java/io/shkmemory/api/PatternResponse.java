package io.shkmemory.api;

import java.util.Map;

import io.shkmemory.memory.IndexedPattern;
import io.swagger.v3.oas.annotations.media.Schema;

/** A stored pattern with its points and normalised weights. */
@Schema(description = "A stored pattern; weights are the normalised ones.",
        example = "{\"id\": \"corner-1\", \"points\": [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], "
                + "[0.0, 1.0, 0.0]], \"weights\": [0.25, 0.5, 0.25], "
                + "\"metadata\": {\"label\": \"corner\"}}")
public record PatternResponse(
        @Schema(description = "The pattern's id", example = "corner-1") String id,
        @Schema(description = "The points as stored, bit for bit",
                example = "[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]")
        double[][] points,
        @Schema(description = "The weights normalised to sum 1", example = "[0.25, 0.5, 0.25]")
        double[] weights,
        @Schema(description = "The stored metadata", example = "{\"label\": \"corner\"}")
        Map<String, Object> metadata) {

    static PatternResponse of(IndexedPattern pattern) {
        return new PatternResponse(pattern.id(), pattern.measure().points(),
                pattern.measure().weights(), pattern.metadata());
    }
}
