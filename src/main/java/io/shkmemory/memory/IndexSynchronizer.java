package io.shkmemory.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link MemoryIndex} equal to the database: loads it at start-up, then compares
 * memory versions every poll interval and reloads what other instances changed. A reload
 * fetches only the patterns whose version differs from the index's.
 */
public final class IndexSynchronizer {

    private static final Logger log = LoggerFactory.getLogger(IndexSynchronizer.class);

    private final MemoryStore store;
    private final MemoryIndex index;
    private final long pollMillis;
    private ScheduledExecutorService scheduler;
    private volatile boolean failing;

    public IndexSynchronizer(MemoryStore store, MemoryIndex index, long pollMillis) {
        this.store = store;
        this.index = index;
        this.pollMillis = pollMillis;
    }

    /** Starts loading in the background and polling afterwards. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shk-index-sync");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::poll, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void poll() {
        try {
            if (index.isLoaded()) {
                synchronizeAll();
            } else {
                load();
            }
            if (failing) {
                log.info("Index synchronisation with the database works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Index synchronisation with the database failed; retrying", e);
                failing = true;
            }
        }
    }

    /** The initial load; readiness turns UP when it is done. */
    void load() {
        long started = System.nanoTime();
        synchronizeAll();
        index.markLoaded();
        long patterns = index.all().stream().mapToLong(MemorySnapshot::patternCount).sum();
        log.info("Loaded {} memories with {} patterns in {} ms", index.memoryCount(), patterns,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Reloads every memory whose version in the database differs from the index's. */
    public void synchronizeAll() {
        Map<String, Long> versions = store.memoryVersions();
        for (String name : index.names()) {
            if (!versions.containsKey(name)) {
                resynchronize(name);
            }
        }
        versions.forEach((name, version) -> {
            if (!version.equals(index.version(name))) {
                resynchronize(name);
            }
        });
    }

    /**
     * Makes the index's copy of one memory equal to the database's. The memory row is read
     * first, so that if another write lands meanwhile the index keeps an older version and
     * the next poll reloads again.
     */
    public void resynchronize(String name) {
        ReentrantLock lock = index.lockFor(name);
        lock.lock();
        try {
            Optional<MemoryInfo> info = store.findMemory(name);
            if (info.isEmpty()) {
                index.remove(name);
                return;
            }
            reload(info.get());
        } finally {
            lock.unlock();
        }
    }

    private void reload(MemoryInfo info) {
        Map<String, Long> indexed = index.patternVersions(info.name());
        Map<String, Long> stored = store.patternVersions(info.name());
        Set<String> removed = new HashSet<>(indexed.keySet());
        removed.removeAll(stored.keySet());
        List<String> changed = new ArrayList<>();
        stored.forEach((id, version) -> {
            if (!Objects.equals(version, indexed.get(id))) {
                changed.add(id);
            }
        });
        List<IndexedPattern> loaded = new ArrayList<>(changed.size());
        if (!changed.isEmpty()) {
            store.readPatterns(info.name(), indexed.isEmpty() ? null : changed,
                    row -> loaded.add(IndexedPattern.of(row)));
        }
        index.reconcile(info, loaded, removed);
        log.debug("Reloaded memory '{}' at version {}: {} changed, {} removed", info.name(),
                info.version(), loaded.size(), removed.size());
    }
}
