package io.shkmemory.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shk-memory service, bound from {@code shk.*}.
 *
 * @param memory defaults applied to a memory whose PUT leaves a setting out
 * @param engine the bounded pool that runs all engine work
 * @param limits input sizes the API accepts
 * @param sync     how instances sharing one database see each other's writes
 * @param security who may call the API
 */
@ConfigurationProperties("shk")
public record ShkProperties(@DefaultValue Memory memory, @DefaultValue Engine engine,
                            @DefaultValue Limits limits, @DefaultValue Sync sync,
                            @DefaultValue Security security) {

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
     * @param queueCapacity requests that may wait for a worker, beyond which requests get
     *                      429; 0 means two per worker, so that an admitted request waits
     *                      for at most two others per worker
     * @param retryAfter    the Retry-After sent with 429 and 503 answers
     * @param clientCheckInterval how often the connections of requests waiting for engine
     *                      work are checked for clients that went away, whose work is then
     *                      cancelled; zero turns the checks off
     * @param memoryBudget  heap the engine work admitted at once may hold, by the estimate
     *                      of 32 bytes per pair of points per solve; a cloud whose own solve
     *                      exceeds it gets 413, work that finds it taken 429; 0 means half
     *                      the maximum heap
     */
    public record Engine(@DefaultValue("0") int threads, @DefaultValue("0") int queueCapacity,
                         @DefaultValue("1s") Duration retryAfter,
                         @DefaultValue("200ms") Duration clientCheckInterval,
                         @DefaultValue("0") DataSize memoryBudget) {

        /** The configured thread count, or the number of available processors. */
        public int effectiveThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }

        /** The configured memory budget in bytes, or half the maximum heap. */
        public long effectiveMemoryBudget() {
            return memoryBudget.toBytes() > 0 ? memoryBudget.toBytes()
                    : Runtime.getRuntime().maxMemory() / 2;
        }

        /** The configured queue capacity, or two per worker thread. */
        public int effectiveQueueCapacity() {
            return queueCapacity > 0 ? queueCapacity : 2 * effectiveThreads();
        }
    }

    /**
     * Input limits; larger inputs are answered with 413 (or 400 for the numbers of a
     * request), naming the field and the limit.
     *
     * @param maxDimension          largest memory dimension
     * @param maxPoints             most points in one measure
     * @param maxCoordinate         largest magnitude of a coordinate; beyond about 1e154 the
     *                              squared distances of the cost would overflow
     * @param maxBatch              most patterns in one batch upsert
     * @param maxPatterns           most patterns in one memory
     * @param maxTopK               largest topK of retrieve and search
     * @param maxSteps              largest maxSteps of a retrieval
     * @param defaultTimeout        timeoutMillis of a retrieval that gives none
     * @param maxTimeout            longest timeoutMillis of a retrieval, and the time limit
     *                              of a search or divergence
     * @param maxMetadataBytes      largest metadata object, as serialised JSON
     * @param maxRequestBytes       largest request body
     * @param maxInflightBytes      most request-body bytes being received and worked on at
     *                              once (by Content-Length; a body without one counts as
     *                              maxRequestBytes); beyond it requests get 429, which keeps
     *                              the heap bounded whatever clients send
     */
    public record Limits(@DefaultValue("4096") int maxDimension,
                         @DefaultValue("10000") int maxPoints,
                         @DefaultValue("1e9") double maxCoordinate,
                         @DefaultValue("1000") int maxBatch,
                         @DefaultValue("100000") int maxPatterns,
                         @DefaultValue("1000") int maxTopK,
                         @DefaultValue("10000") int maxSteps,
                         @DefaultValue("10s") Duration defaultTimeout,
                         @DefaultValue("60s") Duration maxTimeout,
                         @DefaultValue("16384") int maxMetadataBytes,
                         @DefaultValue("16MB") DataSize maxRequestBytes,
                         @DefaultValue("64MB") DataSize maxInflightBytes) {
    }

    /**
     * Synchronisation of the in-memory index with the database.
     *
     * @param pollInterval how often the index compares its versions with the database's
     */
    public record Sync(@DefaultValue("1s") Duration pollInterval) {
    }

    /**
     * API keys. Without any key (and without a JWT issuer) the API is open.
     *
     * @param readKeys  keys that may read: GET, search, retrieve, divergence
     * @param writeKeys keys that may read and write
     * @param apiKeys   more keys that may read and write (the Helm chart's
     *                  {@code SHK_SECURITY_API_KEYS})
     */
    public record Security(@DefaultValue List<String> readKeys,
                           @DefaultValue List<String> writeKeys,
                           @DefaultValue List<String> apiKeys) {
    }
}
