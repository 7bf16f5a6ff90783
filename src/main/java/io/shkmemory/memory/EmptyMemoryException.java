package io.shkmemory.memory;

/** Retrieval needs at least one stored pattern to descend towards. */
public final class EmptyMemoryException extends RuntimeException {

    public EmptyMemoryException(String memory) {
        super("memory '" + memory + "' holds no patterns to retrieve from");
    }
}
