package io.shkmemory.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory copy of every memory and its patterns, which serves retrieval, search and
 * reads. The database is the truth: the index is loaded from it at start-up, changed after
 * each local commit, and reconciled with it by {@link IndexSynchronizer}.
 *
 * <p>Writers of one memory hold {@link #lockFor(String)} across their database transaction
 * and the index change that follows it, so that the index applies a memory's commits in
 * the order they were made. Readers take immutable {@link MemorySnapshot}s without locking.
 */
public final class MemoryIndex {

    private static final int LOCK_STRIPES = 64;

    private final ConcurrentHashMap<String, Entry> memories = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final List<Runnable> membershipListeners = new CopyOnWriteArrayList<>();
    private volatile boolean loaded;

    public MemoryIndex() {
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The lock serialising writes to one memory on this instance. */
    public ReentrantLock lockFor(String name) {
        return locks[Math.floorMod(name.hashCode(), LOCK_STRIPES)];
    }

    /** Whether the initial load from the database has finished. */
    public boolean isLoaded() {
        return loaded;
    }

    void markLoaded() {
        loaded = true;
    }

    /** Called when a memory appears or disappears. */
    public void onMembershipChange(Runnable listener) {
        membershipListeners.add(listener);
    }

    public Optional<MemorySnapshot> find(String name) {
        Entry entry = memories.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.snapshot());
    }

    /** All memories, ordered by name. */
    public List<MemorySnapshot> all() {
        List<MemorySnapshot> all = new ArrayList<>();
        memories.values().forEach(entry -> all.add(entry.snapshot()));
        all.sort(Comparator.comparing(MemorySnapshot::name));
        return all;
    }

    public int memoryCount() {
        return memories.size();
    }

    /** Number of patterns of the memory, 0 when it is unknown. */
    public int patternCount(String name) {
        Entry entry = memories.get(name);
        return entry == null ? 0 : entry.size();
    }

    public Set<String> names() {
        return Set.copyOf(memories.keySet());
    }

    /** The version of the memory as the index knows it, or null when it holds no such memory. */
    public Long version(String name) {
        Entry entry = memories.get(name);
        return entry == null ? null : entry.info.version();
    }

    /** Versions of the memory's patterns by id; empty when the memory is unknown. */
    Map<String, Long> patternVersions(String name) {
        Entry entry = memories.get(name);
        return entry == null ? Map.of() : entry.patternVersions();
    }

    /** Records new settings; drops the patterns if the memory was created afresh. */
    void putInfo(MemoryInfo info, boolean created) {
        Entry entry = memories.get(info.name());
        if (entry == null || created) {
            memories.put(info.name(), new Entry(info));
            if (entry == null) {
                fireMembershipChange();
            }
            return;
        }
        entry.change(info, List.of(), List.of());
    }

    void putPatterns(MemoryInfo info, Collection<IndexedPattern> patterns) {
        entry(info).change(info, patterns, List.of());
    }

    void removePatterns(MemoryInfo info, Collection<String> ids) {
        entry(info).change(info, List.of(), ids);
    }

    /** Applies a reload: new settings, changed patterns and removed ids at once. */
    void reconcile(MemoryInfo info, Collection<IndexedPattern> changed, Collection<String> removed) {
        entry(info).change(info, changed, removed);
    }

    void remove(String name) {
        if (memories.remove(name) != null) {
            fireMembershipChange();
        }
    }

    private Entry entry(MemoryInfo info) {
        boolean[] added = new boolean[1];
        Entry entry = memories.computeIfAbsent(info.name(), name -> {
            added[0] = true;
            return new Entry(info);
        });
        if (added[0]) {
            fireMembershipChange();
        }
        return entry;
    }

    private void fireMembershipChange() {
        membershipListeners.forEach(Runnable::run);
    }

    /** One memory: its patterns by id and a cached snapshot, rebuilt after a change. */
    private static final class Entry {

        private final TreeMap<String, IndexedPattern> patterns = new TreeMap<>();
        private volatile MemoryInfo info;
        private volatile MemorySnapshot snapshot;

        Entry(MemoryInfo info) {
            this.info = info;
        }

        MemorySnapshot snapshot() {
            MemorySnapshot current = snapshot;
            if (current != null) {
                return current;
            }
            synchronized (this) {
                if (snapshot == null) {
                    snapshot = new MemorySnapshot(info, new ArrayList<>(patterns.values()));
                }
                return snapshot;
            }
        }

        synchronized int size() {
            return patterns.size();
        }

        synchronized Map<String, Long> patternVersions() {
            Map<String, Long> versions = new HashMap<>();
            patterns.forEach((id, p) -> versions.put(id, p.version()));
            return versions;
        }

        synchronized void change(MemoryInfo newInfo, Collection<IndexedPattern> upserted,
                                 Collection<String> removed) {
            info = newInfo;
            removed.forEach(patterns::remove);
            upserted.forEach(p -> patterns.put(p.id(), p));
            snapshot = null;
        }
    }
}
