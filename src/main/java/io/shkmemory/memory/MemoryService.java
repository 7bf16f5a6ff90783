package io.shkmemory.memory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Reads and writes memories and patterns. Reads are served by the {@link MemoryIndex}; a
 * write is committed to the {@link MemoryStore} first and applied to the index afterwards,
 * under the memory's lock, so that a caller who got an answer reads its own write.
 */
public final class MemoryService {

    private final MemoryStore store;
    private final MemoryIndex index;
    private final IndexSynchronizer synchronizer;
    private final Clock clock;

    public MemoryService(MemoryStore store, MemoryIndex index, IndexSynchronizer synchronizer,
                         Clock clock) {
        this.store = store;
        this.index = index;
        this.synchronizer = synchronizer;
        this.clock = clock;
    }

    /** All memories, ordered by name. */
    public List<MemorySnapshot> memories() {
        requireLoaded();
        return index.all();
    }

    /** @throws MemoryNotFoundException when there is no such memory */
    public MemorySnapshot memory(String name) {
        requireLoaded();
        return index.find(name).orElseThrow(() -> new MemoryNotFoundException(name));
    }

    /** @throws PatternNotFoundException when the memory holds no such pattern */
    public IndexedPattern pattern(String memory, String id) {
        return memory(memory).find(id).orElseThrow(() -> new PatternNotFoundException(memory, id));
    }

    /** Creates or updates a memory; the answer says which. */
    public Written<MemorySnapshot> putMemory(String name, MemorySettings settings) {
        requireLoaded();
        MemoryStore.Commit commit = locked(name, () -> {
            MemoryStore.Commit c = store.putMemory(name, settings, now());
            apply(c, () -> index.putInfo(c.memory(), c.memoryCreated()));
            return c;
        });
        return new Written<>(memory(name), commit.memoryCreated());
    }

    /** @throws MemoryNotFoundException when there is no such memory */
    public void deleteMemory(String name) {
        requireLoaded();
        boolean deleted = locked(name, () -> {
            boolean existed = store.deleteMemory(name);
            index.remove(name);
            return existed;
        });
        if (!deleted) {
            throw new MemoryNotFoundException(name);
        }
    }

    /**
     * Stores one pattern.
     *
     * @throws MemoryNotFoundException    when there is no such memory
     * @throws DimensionConflictException when its points are not of the memory's dimension
     */
    public Written<IndexedPattern> putPattern(String memory, PatternWrite pattern) {
        MemoryStore.Commit commit;
        try {
            commit = upsert(memory, List.of(pattern));
        } catch (DimensionConflictException e) {
            throw e.onField("points");
        }
        return new Written<>(pattern(memory, pattern.id()),
                commit.createdPatternIds().contains(pattern.id()));
    }

    /** Stores all the patterns or none; returns how many were stored. */
    public int putPatterns(String memory, List<PatternWrite> patterns) {
        upsert(memory, patterns);
        return patterns.size();
    }

    /** @throws PatternNotFoundException when the memory holds no such pattern */
    public void deletePattern(String memory, String id) {
        requireLoaded();
        Optional<MemoryStore.Commit> commit = locked(memory, () -> {
            Optional<MemoryStore.Commit> c = store.deletePattern(memory, id, now());
            c.ifPresent(done -> apply(done, () -> index.removePatterns(done.memory(), List.of(id))));
            return c;
        });
        if (commit.isEmpty()) {
            throw new PatternNotFoundException(memory, id);
        }
    }

    private MemoryStore.Commit upsert(String memory, List<PatternWrite> patterns) {
        requireLoaded();
        index.find(memory).ifPresent(snapshot -> checkDimensions(snapshot, patterns));
        List<IndexedPattern> indexed = patterns.stream()
                .map(p -> IndexedPattern.of(p.id(), p.measure(), p.metadata(), 0))
                .toList();
        return locked(memory, () -> {
            MemoryStore.Commit c = store.upsertPatterns(memory, patterns, now());
            apply(c, () -> index.putPatterns(c.memory(),
                    indexed.stream().map(p -> p.withVersion(c.patternVersion())).toList()));
            return c;
        });
    }

    private static void checkDimensions(MemorySnapshot memory, List<PatternWrite> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            int d = patterns.get(i).measure().dimension();
            if (d != memory.dimension()) {
                throw DimensionConflictException.ofPoints("patterns[" + i + "].points", d,
                        memory.name(), memory.dimension());
            }
        }
    }

    /**
     * Applies a commit to the index as a delta when the index was at the version the commit
     * started from; otherwise another instance wrote in between, and the memory is reloaded.
     */
    private void apply(MemoryStore.Commit commit, Runnable delta) {
        Long known = index.version(commit.memory().name());
        boolean current = commit.memoryCreated()
                ? known == null
                : Objects.equals(known, commit.previousVersion());
        if (current) {
            delta.run();
        } else {
            synchronizer.resynchronize(commit.memory().name());
        }
    }

    private <T> T locked(String name, Supplier<T> action) {
        ReentrantLock lock = index.lockFor(name);
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void requireLoaded() {
        if (!index.isLoaded()) {
            throw new IndexNotReadyException();
        }
    }

    /** Timestamps are kept to the millisecond, which every supported database stores exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The result of a create-or-update.
     *
     * @param value   what was written, as now stored
     * @param created true when it did not exist before
     */
    public record Written<T>(T value, boolean created) {
    }
}
