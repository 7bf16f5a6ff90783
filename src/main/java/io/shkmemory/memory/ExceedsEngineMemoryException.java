package io.shkmemory.memory;

/** Work too large for the engine's memory budget even on an idle instance; answered with 413. */
public final class ExceedsEngineMemoryException extends RuntimeException {

    private final String field;

    public ExceedsEngineMemoryException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The request field whose size is at fault. */
    public String field() {
        return field;
    }
}
