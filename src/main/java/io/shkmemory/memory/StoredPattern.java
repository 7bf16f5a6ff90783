package io.shkmemory.memory;

import java.util.Map;

import io.shkmemory.engine.Measure;

/**
 * A pattern as stored: its measure (weights normalised), metadata and version.
 *
 * @param id       the pattern's id within its memory, {@code [A-Za-z0-9._-]{1,128}}
 * @param measure  the point cloud
 * @param metadata free JSON object, never null (empty when absent)
 * @param version  the change sequence value of the write that stored it
 */
public record StoredPattern(String id, Measure measure, Map<String, Object> metadata,
                            long version) {
}
