package io.shkmemory.api;

import java.util.Map;

import io.shkmemory.memory.IndexedPattern;
import io.swagger.v3.oas.annotations.media.Schema;

/** A pattern without its points, as listed and as answered to a PUT. */
@Schema(description = "A pattern's id, size and metadata.",
        example = "{\"id\": \"corner-1\", \"pointCount\": 3, \"metadata\": {\"label\": \"corner\"}}")
public record PatternSummary(
        @Schema(description = "The pattern's id", example = "corner-1") String id,
        @Schema(description = "Number of points", example = "3") int pointCount,
        @Schema(description = "The stored metadata", example = "{\"label\": \"corner\"}")
        Map<String, Object> metadata) {

    static PatternSummary of(IndexedPattern pattern) {
        return new PatternSummary(pattern.id(), pattern.measure().size(), pattern.metadata());
    }
}
