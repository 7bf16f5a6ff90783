package io.shkmemory.engine;

/** Why a retrieval stopped. */
public enum StopReason {
    /** The energy decrease and the full-step displacement and weight change fell under tolerance. */
    CONVERGED("converged"),
    /** The step limit was reached first. */
    MAX_STEPS("max_steps"),
    /** The time limit was reached first; the result is the best state so far. */
    TIMEOUT("timeout"),
    /** The caller cancelled; the result is the best state so far. */
    CANCELLED("cancelled");

    private final String wireName;

    StopReason(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the HTTP API and in metrics. */
    public String wireName() {
        return wireName;
    }
}
