package io.shkmemory.memory;

/** The in-memory index is still loading; the service answers 503 until it is ready. */
public final class IndexNotReadyException extends RuntimeException {

    public IndexNotReadyException() {
        super("the pattern index is still loading");
    }
}
