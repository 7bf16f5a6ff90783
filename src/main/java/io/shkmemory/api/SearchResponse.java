package io.shkmemory.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of a search. */
@Schema(description = "The closest patterns, closest first.",
        example = "{\"matches\": [{\"patternId\": \"corner-1\", \"divergence\": 0.0012, "
                + "\"metadata\": {\"label\": \"corner\"}}]}")
public record SearchResponse(
        @Schema(description = "Closest first") List<SearchMatch> matches) {

    /** A pattern and its divergence from the query. */
    @Schema(description = "A pattern and S_eps(query, pattern).",
            example = "{\"patternId\": \"corner-1\", \"divergence\": 0.0012, "
                    + "\"metadata\": {\"label\": \"corner\"}}")
    public record SearchMatch(
            @Schema(description = "The pattern's id", example = "corner-1") String patternId,
            @Schema(description = "S_eps(query, pattern)", example = "0.0012") double divergence,
            @Schema(description = "The pattern's metadata", example = "{\"label\": \"corner\"}")
            Map<String, Object> metadata) {
    }
}
