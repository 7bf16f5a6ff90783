package io.shkmemory.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of a memory's patterns, ordered by id. */
@Schema(description = "A page of patterns ordered by id; pass nextCursor to get the next page.",
        example = "{\"patterns\": [{\"id\": \"corner-1\", \"pointCount\": 3, "
                + "\"metadata\": {\"label\": \"corner\"}}], \"nextCursor\": \"Y29ybmVyLTE\"}")
public record PatternPage(
        @Schema(description = "The patterns of this page") List<PatternSummary> patterns,
        @Schema(description = "Opaque cursor of the next page; null on the last page",
                example = "Y29ybmVyLTE", nullable = true)
        String nextCursor) {
}
