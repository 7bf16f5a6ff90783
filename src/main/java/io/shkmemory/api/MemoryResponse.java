package io.shkmemory.api;

import java.time.Instant;

import io.shkmemory.memory.MemorySnapshot;
import io.swagger.v3.oas.annotations.media.Schema;

/** A memory as the API reports it. */
@Schema(description = "A memory: a named collection of patterns of one dimension.",
        example = "{\"name\": \"shapes\", \"dimension\": 3, \"epsilon\": 0.05, \"beta\": 100.0, "
                + "\"description\": \"shapes of parts\", \"patternCount\": 2, "
                + "\"createdAt\": \"2026-01-01T12:00:00Z\", "
                + "\"updatedAt\": \"2026-01-01T12:05:00Z\"}")
public record MemoryResponse(
        @Schema(description = "The memory's name", example = "shapes") String name,
        @Schema(description = "Dimension of every point", example = "3") int dimension,
        @Schema(description = "Entropic regularisation", example = "0.05") double epsilon,
        @Schema(description = "Inverse temperature", example = "100.0") double beta,
        @Schema(description = "Free text", example = "shapes of parts", nullable = true)
        String description,
        @Schema(description = "Number of stored patterns", example = "2") int patternCount,
        @Schema(description = "When the memory was created", example = "2026-01-01T12:00:00Z")
        Instant createdAt,
        @Schema(description = "When the memory or one of its patterns last changed",
                example = "2026-01-01T12:05:00Z")
        Instant updatedAt) {

    static MemoryResponse of(MemorySnapshot memory) {
        var info = memory.info();
        var settings = info.settings();
        return new MemoryResponse(info.name(), settings.dimension(), settings.epsilon(),
                settings.beta(), settings.description(), memory.patternCount(),
                info.createdAt(), info.updatedAt());
    }
}
