package io.shkmemory.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.shkmemory.engine.Divergence;
import io.shkmemory.engine.RetrievalResult;
import io.shkmemory.engine.StopReason;
import io.shkmemory.memory.EngineExecutor;
import io.shkmemory.memory.EngineObserver;
import io.shkmemory.memory.MemoryIndex;

/**
 * The service's Micrometer meters; docs/metrics.md lists them with their Prometheus names.
 */
public final class ShkMetrics implements EngineObserver {

    private final MeterRegistry registry;
    private final MemoryIndex index;
    private final MultiGauge patternsPerMemory;
    private final Counter rejections;
    private final DistributionSummary retrievalSteps;
    private final DistributionSummary sinkhornIterations;
    private final Timer searchDuration;

    public ShkMetrics(MeterRegistry registry, MemoryIndex index, EngineExecutor executor) {
        this.registry = registry;
        this.index = index;
        Gauge.builder("shk.memory.count", index, MemoryIndex::memoryCount)
                .description("Memories held by this instance's index")
                .register(registry);
        patternsPerMemory = MultiGauge.builder("shk.memory.patterns")
                .description("Patterns stored in a memory")
                .register(registry);
        Gauge.builder("shk.engine.queue.depth", executor, EngineExecutor::queueDepth)
                .description("Engine tasks waiting for a worker")
                .register(registry);
        Gauge.builder("shk.engine.active", executor, EngineExecutor::active)
                .description("Engine workers busy with a task")
                .register(registry);
        Gauge.builder("shk.engine.memory.reserved", executor, EngineExecutor::memoryReserved)
                .description("Heap reserved by the engine work admitted, by its estimate")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("shk.engine.memory.budget", executor, e -> e.memoryBudget())
                .description("Heap the engine work admitted at once may reserve")
                .baseUnit("bytes")
                .register(registry);
        rejections = Counter.builder("shk.engine.rejections")
                .description("Requests refused with 429: the engine queue was full or its "
                        + "memory budget taken")
                .register(registry);
        retrievalSteps = DistributionSummary.builder("shk.retrieval.steps")
                .description("Accepted descent steps per retrieval")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(100_000.0)
                .register(registry);
        sinkhornIterations = DistributionSummary.builder("shk.sinkhorn.iterations")
                .description("Sinkhorn iterations (sweeps and Newton steps, all annealing levels)"
                        + " per retrieval or divergence")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(1e9)
                .register(registry);
        searchDuration = Timer.builder("shk.search.duration")
                .description("Wall time of a search, including the wait for a worker")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        for (StopReason reason : StopReason.values()) {
            stops(reason);
        }
        index.onMembershipChange(this::refreshPatternGauges);
        refreshPatternGauges();
    }

    @Override
    public void retrieved(RetrievalResult result, long elapsedNanos) {
        Timer.builder("shk.retrieval.duration")
                .description("Wall time of a retrieval, including the wait for a worker")
                .tag("stop_reason", result.stopReason().wireName())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry)
                .record(elapsedNanos, TimeUnit.NANOSECONDS);
        retrievalSteps.record(result.steps());
        sinkhornIterations.record(result.sinkhornIterations());
        stops(result.stopReason()).increment();
    }

    @Override
    public void searched(int patternCount, long elapsedNanos) {
        searchDuration.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void divergenceComputed(Divergence divergence) {
        sinkhornIterations.record(divergence.iterations());
    }

    @Override
    public void rejected() {
        rejections.increment();
    }

    private Counter stops(StopReason reason) {
        return Counter.builder("shk.retrieval.stops")
                .description("Retrievals by the reason they stopped")
                .tag("reason", reason.wireName())
                .register(registry);
    }

    private synchronized void refreshPatternGauges() {
        List<MultiGauge.Row<?>> rows = index.names().stream()
                .<MultiGauge.Row<?>>map(name -> MultiGauge.Row.of(Tags.of("memory", name), index,
                        i -> i.patternCount(name)))
                .toList();
        patternsPerMemory.register(rows, true);
    }
}
