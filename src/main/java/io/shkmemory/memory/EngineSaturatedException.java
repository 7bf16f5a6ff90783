package io.shkmemory.memory;

/**
 * The engine pool's queue is full, or its memory budget taken; the client should retry later
 * (HTTP 429).
 */
public final class EngineSaturatedException extends RuntimeException {

    public EngineSaturatedException(int queueCapacity) {
        super("the engine is busy: " + queueCapacity + " requests are already waiting");
    }

    private EngineSaturatedException(String message) {
        super(message);
    }

    /** The memory budget is taken by the requests already admitted. */
    static EngineSaturatedException memoryTaken(long bytes, long budget) {
        return new EngineSaturatedException("the engine is busy: this request needs "
                + EngineMemory.describe(bytes) + " of its memory budget of "
                + EngineMemory.describe(budget) + ", and the requests already admitted hold "
                + "too much of it");
    }
}
