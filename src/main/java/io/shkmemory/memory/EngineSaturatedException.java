package io.shkmemory.memory;

/** The engine pool's queue is full; the client should retry later (HTTP 429). */
public final class EngineSaturatedException extends RuntimeException {

    public EngineSaturatedException(int queueCapacity) {
        super("the engine is busy: " + queueCapacity + " requests are already waiting");
    }
}
