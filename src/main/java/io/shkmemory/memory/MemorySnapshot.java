package io.shkmemory.memory;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.shkmemory.engine.Pattern;

/**
 * An immutable view of one memory in the index: its settings and its patterns ordered by id.
 * A retrieval works on one snapshot, so a concurrent batch upsert is seen whole or not at all.
 */
public final class MemorySnapshot {

    private final MemoryInfo info;
    private final List<IndexedPattern> patterns;
    private final List<Pattern> enginePatterns;

    MemorySnapshot(MemoryInfo info, List<IndexedPattern> patternsById) {
        this.info = info;
        this.patterns = Collections.unmodifiableList(patternsById);
        this.enginePatterns = patternsById.stream().map(IndexedPattern::pattern).toList();
    }

    public MemoryInfo info() {
        return info;
    }

    public String name() {
        return info.name();
    }

    public int dimension() {
        return info.settings().dimension();
    }

    public int patternCount() {
        return patterns.size();
    }

    /** The patterns, ordered by id. */
    public List<IndexedPattern> patterns() {
        return patterns;
    }

    /** The engine patterns in the same order as {@link #patterns()}. */
    public List<Pattern> enginePatterns() {
        return enginePatterns;
    }

    public Optional<IndexedPattern> find(String id) {
        int at = indexOf(id);
        return at >= 0 ? Optional.of(patterns.get(at)) : Optional.empty();
    }

    /** Up to {@code limit} patterns whose ids come after {@code afterId} (null: from the start). */
    public List<IndexedPattern> page(String afterId, int limit) {
        int from = 0;
        if (afterId != null) {
            int at = indexOf(afterId);
            from = at >= 0 ? at + 1 : -at - 1;
        }
        return patterns.subList(from, Math.min(patterns.size(), from + limit));
    }

    /** Whether patterns with ids after {@code lastId} exist. */
    public boolean hasAfter(String lastId) {
        return !page(lastId, 1).isEmpty();
    }

    private int indexOf(String id) {
        int lo = 0;
        int hi = patterns.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = patterns.get(mid).id().compareTo(id);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
