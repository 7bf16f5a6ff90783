package io.shkmemory.config;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.shkmemory.api.ClientWatch;
import io.shkmemory.engine.ShkRetrieval;
import io.shkmemory.engine.SinkhornOptions;
import io.shkmemory.engine.SinkhornSolver;
import io.shkmemory.memory.EngineExecutor;
import io.shkmemory.memory.IndexSynchronizer;
import io.shkmemory.memory.MemoryIndex;
import io.shkmemory.memory.MemoryService;
import io.shkmemory.memory.MemoryStore;
import io.shkmemory.memory.RecallService;
import io.shkmemory.metrics.ShkMetrics;
import io.shkmemory.persistence.JdbcMemoryStore;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the engine, the index, storage and metrics into the service. */
@Configuration(proxyBeanMethods = false)
public class ServiceConfiguration {

    @Bean
    Clock shkClock() {
        return Clock.systemUTC();
    }

    @Bean
    MemoryStore memoryStore(JdbcTemplate jdbc, TransactionTemplate transactions,
                            JsonMapper json, ShkProperties properties) {
        return new JdbcMemoryStore(jdbc, transactions, json, properties.limits().maxPatterns());
    }

    @Bean
    MemoryIndex memoryIndex() {
        return new MemoryIndex();
    }

    @Bean
    IndexSynchronizer indexSynchronizer(MemoryStore store, MemoryIndex index,
                                        ShkProperties properties) {
        return new IndexSynchronizer(store, index, properties.sync().pollInterval().toMillis());
    }

    /** Loads the index once the application has started, and polls until it stops. */
    @Bean
    SmartLifecycle indexSynchronizerLifecycle(IndexSynchronizer synchronizer) {
        return new SmartLifecycle() {
            @Override
            public void start() {
                synchronizer.start();
            }

            @Override
            public void stop() {
                synchronizer.stop();
            }

            @Override
            public boolean isRunning() {
                return synchronizer.isRunning();
            }
        };
    }

    @Bean
    MemoryService memoryService(MemoryStore store, MemoryIndex index,
                                IndexSynchronizer synchronizer, Clock shkClock) {
        return new MemoryService(store, index, synchronizer, shkClock);
    }

    @Bean(destroyMethod = "close")
    EngineExecutor engineExecutor(ShkProperties properties) {
        ShkProperties.Engine engine = properties.engine();
        return new EngineExecutor(engine.effectiveThreads(), engine.effectiveQueueCapacity(),
                engine.effectiveMemoryBudget());
    }

    /** Probes the connections of requests waiting for the engine for clients that left. */
    @Bean(destroyMethod = "close")
    ClientWatch clientWatch(ShkProperties properties) {
        return new ClientWatch(properties.engine().clientCheckInterval());
    }

    @Bean
    SinkhornOptions sinkhornOptions() {
        return SinkhornOptions.DEFAULT;
    }

    @Bean
    ShkRetrieval shkRetrieval(SinkhornOptions options, EngineExecutor executor) {
        return new ShkRetrieval(new SinkhornSolver(options), executor.parallelPool(),
                executor.threads());
    }

    @Bean
    RecallService recallService(MemoryService memories, ShkRetrieval retrieval,
                                EngineExecutor executor, SinkhornOptions options,
                                ShkMetrics metrics) {
        RecallService recall = new RecallService(memories, retrieval, executor, options);
        recall.observe(metrics);
        return recall;
    }

    @Bean
    ShkMetrics shkMetrics(MeterRegistry registry, MemoryIndex index, EngineExecutor executor) {
        ShkMetrics metrics = new ShkMetrics(registry, index, executor);
        executor.observe(metrics);
        return metrics;
    }
}
