package io.shkmemory.memory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.shkmemory.engine.Divergence;
import io.shkmemory.engine.Measure;
import io.shkmemory.engine.Pattern;
import io.shkmemory.engine.RetrievalOptions;
import io.shkmemory.engine.RetrievalResult;
import io.shkmemory.engine.ShkRetrieval;
import io.shkmemory.engine.SinkhornDivergence;
import io.shkmemory.engine.SinkhornOptions;
import io.shkmemory.engine.SinkhornSolver;

/**
 * Retrieval, search and divergence on the engine pool. Each request's engine work runs as one
 * task of the {@link EngineExecutor}; the {@link ShkRetrieval} it uses spreads the per-pattern
 * solves over its own executor, whose tasks never submit further tasks, so the two pools
 * cannot deadlock each other.
 */
public final class RecallService {

    private final MemoryService memories;
    private final ShkRetrieval retrieval;
    private final EngineExecutor executor;
    private final SinkhornOptions sinkhornOptions;
    private volatile EngineObserver observer = EngineObserver.NONE;

    public RecallService(MemoryService memories, ShkRetrieval retrieval, EngineExecutor executor,
                         SinkhornOptions sinkhornOptions) {
        this.memories = memories;
        this.retrieval = retrieval;
        this.executor = executor;
        this.sinkhornOptions = sinkhornOptions;
    }

    public void observe(EngineObserver newObserver) {
        this.observer = newObserver;
    }

    /**
     * Runs the SHK dynamics from the query over the memory's patterns on the engine pool.
     * The retrieval's timeout counts from now, so time spent waiting for a worker is part of
     * it; setting {@code cancel} stops the descent at its next step.
     *
     * @throws MemoryNotFoundException    when there is no such memory
     * @throws DimensionConflictException when the query has another dimension
     * @throws EmptyMemoryException       when the memory holds no pattern
     * @throws EngineSaturatedException   when the engine's queue is full
     */
    public CompletableFuture<Recall> retrieve(String memory, Measure query,
                                              RetrievalOverrides overrides,
                                              AtomicBoolean cancel) {
        MemorySnapshot snapshot = memories.memory(memory);
        checkDimension(snapshot, query);
        if (snapshot.patternCount() == 0) {
            throw new EmptyMemoryException(memory);
        }
        RetrievalOptions options = overrides.resolve(snapshot.info().settings());
        long bytes = engineBytes("a retrieval", snapshot, query);
        long started = System.nanoTime();
        return executor.submit(cancelled -> retrieval.retrieve(query,
                        snapshot.enginePatterns(), remaining(options, started), cancelled), cancel,
                        bytes)
                .thenApply(result -> {
                    long elapsed = System.nanoTime() - started;
                    observer.retrieved(result, elapsed);
                    return new Recall(snapshot, result, elapsed);
                });
    }

    /** The options with the timeout less the time already spent, but at least 1 ms. */
    private static RetrievalOptions remaining(RetrievalOptions options, long startedNanos) {
        if (options.timeoutMillis() == 0) {
            return options;
        }
        long spent = (System.nanoTime() - startedNanos) / 1_000_000;
        return options.withTimeoutMillis(Math.max(1, options.timeoutMillis() - spent));
    }

    /**
     * The patterns closest to the query by {@code S_eps}, closest first, without dynamics.
     * A search cancelled while it waits for a worker does not start; one running stops within
     * a Sinkhorn iteration.
     *
     * @param epsilon null for the memory's epsilon
     */
    public CompletableFuture<List<Match>> search(String memory, Measure query, Double epsilon,
                                                 int topK, AtomicBoolean cancel) {
        MemorySnapshot snapshot = memories.memory(memory);
        checkDimension(snapshot, query);
        if (snapshot.patternCount() == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        double eps = epsilon != null ? epsilon : snapshot.info().settings().epsilon();
        long bytes = engineBytes("a search", snapshot, query);
        long started = System.nanoTime();
        return executor.submit(cancelled ->
                        retrieval.search(query, snapshot.enginePatterns(), eps, topK, cancelled),
                        cancel, bytes)
                .thenApply(closest -> {
                    observer.searched(snapshot.patternCount(), System.nanoTime() - started);
                    return closest.stream()
                            .map(m -> new Match(snapshot.patterns().get(m.index()),
                                    m.divergence()))
                            .toList();
                });
    }

    /**
     * {@code S_eps(source, target)} with its three transport costs.
     *
     * @param tolerance null for the solver's default marginal-error tolerance
     */
    public CompletableFuture<Divergence> divergence(Measure source, Measure target,
                                                    double epsilon, Double tolerance,
                                                    AtomicBoolean cancel) {
        SinkhornOptions options = tolerance == null
                ? sinkhornOptions : sinkhornOptions.withTolerance(tolerance);
        // the three solves run one after the other on the task's thread
        long bytes = SinkhornSolver.peakBytes(source.size(), target.size());
        EngineMemory.checkFits(source.size() >= target.size() ? "source.points" : "target.points",
                "a divergence of " + source.size() + " against " + target.size() + " points",
                bytes, executor.memoryBudget());
        SinkhornSolver solver = new SinkhornSolver(options);
        return executor.submit(cancelled -> new SinkhornDivergence(solver.stoppingWhen(cancelled))
                        .compute(source, target, epsilon), cancel, bytes)
                .thenApply(result -> {
                    observer.divergenceComputed(result);
                    return result;
                });
    }

    /**
     * The heap a retrieval or search of {@code query} over the memory holds at its peak: one
     * solve per pattern solved at once (the retrieval's parallelism), each sized by the
     * largest pattern.
     *
     * @throws ExceedsEngineMemoryException when that can never fit the budget
     */
    private long engineBytes(String what, MemorySnapshot snapshot, Measure query) {
        int largest = 0;
        for (Pattern pattern : snapshot.enginePatterns()) {
            largest = Math.max(largest, pattern.measure().size());
        }
        int atOnce = Math.min(executor.threads(), snapshot.patternCount());
        long bytes = SinkhornSolver.peakBytes(query.size(), largest) * atOnce;
        EngineMemory.checkFits("query.points", what + " of " + query.size()
                + " points over patterns of up to " + largest + " points, " + atOnce
                + " solves at once,", bytes, executor.memoryBudget());
        return bytes;
    }

    private static void checkDimension(MemorySnapshot memory, Measure query) {
        if (query.dimension() != memory.dimension()) {
            throw DimensionConflictException.ofPoints("query.points", query.dimension(),
                    memory.name(), memory.dimension());
        }
    }

    /**
     * A finished retrieval.
     *
     * @param memory       the snapshot it ran on; pattern {@code k} of the result is
     *                     {@code memory.patterns().get(k)}
     * @param result       the engine's answer
     * @param elapsedNanos wall time including the wait for a worker
     */
    public record Recall(MemorySnapshot memory, RetrievalResult result, long elapsedNanos) {
    }

    /**
     * A pattern and its divergence from the query.
     *
     * @param pattern    the pattern
     * @param divergence {@code S_eps(query, pattern)}
     */
    public record Match(IndexedPattern pattern, double divergence) {
    }
}
