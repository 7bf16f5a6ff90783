package io.shkmemory.memory;

import io.shkmemory.engine.RetrievalOptions;

/**
 * A request's retrieval settings; each null falls back to the memory's epsilon and beta or
 * to {@link RetrievalOptions#defaults()}.
 */
public record RetrievalOverrides(Double epsilon, Double beta, Double transportStep,
                                 Double weightStep, Integer maxSteps, Double tolerance,
                                 Long timeoutMillis, Boolean includeTrace) {

    /** No overrides. */
    public static final RetrievalOverrides NONE =
            new RetrievalOverrides(null, null, null, null, null, null, null, null);

    /** The options for a memory with the given settings. */
    public RetrievalOptions resolve(MemorySettings memory) {
        RetrievalOptions base = RetrievalOptions.defaults();
        return new RetrievalOptions(
                or(epsilon, memory.epsilon()),
                or(beta, memory.beta()),
                or(transportStep, base.transportStep()),
                or(weightStep, base.weightStep()),
                maxSteps != null ? maxSteps : base.maxSteps(),
                or(tolerance, base.tolerance()),
                timeoutMillis != null ? timeoutMillis : base.timeoutMillis(),
                includeTrace != null ? includeTrace : base.includeTrace());
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
