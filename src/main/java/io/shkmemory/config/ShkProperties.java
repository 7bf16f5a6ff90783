package io.shkmemory.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shk-memory service, bound from {@code shk.*}.
 *
 * @param memory defaults applied to a memory whose PUT leaves a setting out
 * @param engine the bounded pool that runs all engine work
 * @param limits input sizes the API accepts
 * @param sync   how instances sharing one database see each other's writes
 */
@ConfigurationProperties("shk")
public record ShkProperties(@DefaultValue Memory memory, @DefaultValue Engine engine,
                            @DefaultValue Limits limits, @DefaultValue Sync sync) {

    /**
     * Defaults of a memory's settings.
     *
     * @param epsilon entropic regularisation {@code eps} of the Sinkhorn divergence
     * @param beta    inverse temperature of the energy; 100 separates the true pattern from
     *                a crowd of 1,000 unit-scale patterns at {@code eps = 0.05} (DESIGN.md,
     *                "Temperature"), where 10 blends them
     */
    public record Memory(@DefaultValue("0.05") double epsilon, @DefaultValue("100") double beta) {
    }

    /**
     * The engine pool, separate from the HTTP threads.
     *
     * @param threads       worker threads; 0 means one per available processor
     * @param queueCapacity requests that may wait for a worker; beyond it requests get 429
     * @param retryAfter    the Retry-After sent with 429 and 503 answers
     */
    public record Engine(@DefaultValue("0") int threads, @DefaultValue("64") int queueCapacity,
                         @DefaultValue("1s") Duration retryAfter) {

        /** The configured thread count, or the number of available processors. */
        public int effectiveThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * Input limits; larger inputs are answered with 413.
     *
     * @param maxDimension     largest memory dimension
     * @param maxPoints        most points in one measure
     * @param maxBatch         most patterns in one batch upsert
     * @param maxTopK          largest topK of retrieve and search
     * @param maxSteps         largest maxSteps of a retrieval
     * @param maxTimeout       longest timeoutMillis of a retrieval
     * @param maxMetadataBytes largest metadata object, as serialised JSON
     * @param maxRequestBytes  largest request body
     */
    public record Limits(@DefaultValue("4096") int maxDimension,
                         @DefaultValue("10000") int maxPoints,
                         @DefaultValue("1000") int maxBatch,
                         @DefaultValue("1000") int maxTopK,
                         @DefaultValue("10000") int maxSteps,
                         @DefaultValue("60s") Duration maxTimeout,
                         @DefaultValue("16384") int maxMetadataBytes,
                         @DefaultValue("64MB") DataSize maxRequestBytes) {
    }

    /**
     * Synchronisation of the in-memory index with the database.
     *
     * @param pollInterval how often the index compares its versions with the database's
     */
    public record Sync(@DefaultValue("1s") Duration pollInterval) {
    }
}
