package io.shkmemory.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code GET /v1/memories}. */
@Schema(description = "All memories, ordered by name.",
        example = "{\"memories\": [{\"name\": \"shapes\", \"dimension\": 3, \"epsilon\": 0.05, "
                + "\"beta\": 100.0, \"description\": null, \"patternCount\": 2, "
                + "\"createdAt\": \"2026-01-01T12:00:00Z\", "
                + "\"updatedAt\": \"2026-01-01T12:05:00Z\"}]}")
public record MemoryListResponse(
        @Schema(description = "The memories, ordered by name") List<MemoryResponse> memories) {
}
