package io.shkmemory.memory;

import java.util.List;

import io.shkmemory.engine.Divergence;
import io.shkmemory.engine.Measure;
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
     * Runs the SHK dynamics from the query over the memory's patterns.
     *
     * @throws MemoryNotFoundException    when there is no such memory
     * @throws DimensionConflictException when the query has another dimension
     * @throws EmptyMemoryException       when the memory holds no pattern
     */
    public Recall retrieve(String memory, Measure query, RetrievalOverrides overrides) {
        MemorySnapshot snapshot = memories.memory(memory);
        checkDimension(snapshot, query);
        if (snapshot.patternCount() == 0) {
            throw new EmptyMemoryException(memory);
        }
        RetrievalOptions options = overrides.resolve(snapshot.info().settings());
        long started = System.nanoTime();
        RetrievalResult result = executor.run(cancelled ->
                retrieval.retrieve(query, snapshot.enginePatterns(), options, cancelled));
        long elapsed = System.nanoTime() - started;
        observer.retrieved(result, elapsed);
        return new Recall(snapshot, result, elapsed);
    }

    /**
     * The patterns closest to the query by {@code S_eps}, closest first, without dynamics.
     *
     * @param epsilon null for the memory's epsilon
     */
    public List<Match> search(String memory, Measure query, Double epsilon, int topK) {
        MemorySnapshot snapshot = memories.memory(memory);
        checkDimension(snapshot, query);
        if (snapshot.patternCount() == 0) {
            return List.of();
        }
        double eps = epsilon != null ? epsilon : snapshot.info().settings().epsilon();
        long started = System.nanoTime();
        List<io.shkmemory.engine.Match> closest = executor.run(cancelled ->
                retrieval.search(query, snapshot.enginePatterns(), eps, topK));
        observer.searched(snapshot.patternCount(), System.nanoTime() - started);
        return closest.stream()
                .map(m -> new Match(snapshot.patterns().get(m.index()), m.divergence()))
                .toList();
    }

    /**
     * {@code S_eps(source, target)} with its three transport costs.
     *
     * @param tolerance null for the solver's default marginal-error tolerance
     */
    public Divergence divergence(Measure source, Measure target, double epsilon,
                                 Double tolerance) {
        SinkhornOptions options = tolerance == null
                ? sinkhornOptions : sinkhornOptions.withTolerance(tolerance);
        SinkhornDivergence divergence = new SinkhornDivergence(new SinkhornSolver(options));
        Divergence result = executor.run(cancelled ->
                divergence.compute(source, target, epsilon));
        observer.divergenceComputed(result);
        return result;
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
