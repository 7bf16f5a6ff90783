package io.shkmemory.memory;

import java.util.Map;

import io.shkmemory.engine.Measure;
import io.shkmemory.engine.Pattern;

/**
 * A pattern held by the in-memory index: the engine's {@link Pattern}, which caches its self
 * potential per epsilon, and what the API reports about it.
 *
 * @param id       the pattern's id
 * @param pattern  the engine's view of the point cloud
 * @param metadata free JSON object, never null
 * @param version  the change sequence value of the write that stored it
 */
public record IndexedPattern(String id, Pattern pattern, Map<String, Object> metadata,
                             long version) {

    public static IndexedPattern of(StoredPattern stored) {
        return of(stored.id(), stored.measure(), stored.metadata(), stored.version());
    }

    public static IndexedPattern of(String id, Measure measure, Map<String, Object> metadata,
                                    long version) {
        return new IndexedPattern(id, new Pattern(measure), metadata, version);
    }

    public Measure measure() {
        return pattern.measure();
    }

    /** The same pattern with the version its write was committed at. */
    public IndexedPattern withVersion(long newVersion) {
        return new IndexedPattern(id, pattern, metadata, newVersion);
    }
}
