package io.shkmemory.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Durable storage of memories and patterns. Every write runs in one transaction and returns
 * only after it is committed; a write bumps the memory's version to a new value of one
 * database-wide change sequence, so that each instance can tell what changed.
 */
public interface MemoryStore {

    /** The version of every memory, by name. */
    Map<String, Long> memoryVersions();

    Optional<MemoryInfo> findMemory(String name);

    /**
     * Creates the memory or replaces its settings.
     *
     * @throws DimensionConflictException when the dimension changes while patterns exist
     */
    Commit putMemory(String name, MemorySettings settings, Instant now);

    /** Deletes the memory and its patterns; false when there was none. */
    boolean deleteMemory(String name);

    /**
     * Inserts or replaces all the patterns, or none of them.
     *
     * @throws MemoryNotFoundException    when the memory does not exist
     * @throws DimensionConflictException when a pattern's dimension is not the memory's
     */
    Commit upsertPatterns(String memory, List<PatternWrite> patterns, Instant now);

    /**
     * Deletes one pattern; empty when it did not exist.
     *
     * @throws MemoryNotFoundException when the memory does not exist
     */
    Optional<Commit> deletePattern(String memory, String id, Instant now);

    /** The version of every pattern of the memory, by id. */
    Map<String, Long> patternVersions(String memory);

    /** Streams the memory's patterns with the given ids, or all of them when ids is null. */
    void readPatterns(String memory, Collection<String> ids, Consumer<StoredPattern> sink);

    /**
     * A committed write.
     *
     * @param memory            the memory after the write
     * @param previousVersion   the memory's version before the write, or -1 if it was created
     * @param createdPatternIds ids of patterns the write created (rather than replaced)
     * @param patternVersion    the version given to the written patterns
     */
    record Commit(MemoryInfo memory, long previousVersion, Set<String> createdPatternIds,
                  long patternVersion) {

        public boolean memoryCreated() {
            return previousVersion < 0;
        }
    }
}
