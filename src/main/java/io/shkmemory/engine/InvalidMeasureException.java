package io.shkmemory.engine;

/**
 * Thrown when a point cloud or its weights cannot form a measure. The message names the
 * problem, and {@link #field()} names the offending part ({@code points[3][1]},
 * {@code weights[7]}, {@code weights}) so that callers can report it per field.
 */
public final class InvalidMeasureException extends IllegalArgumentException {

    private final String field;

    public InvalidMeasureException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The offending part of the measure, as a JSON-like path relative to the measure. */
    public String field() {
        return field;
    }

    /** The problem without the field prefix. */
    public String problem() {
        return getMessage().substring(field.length() + 2);
    }
}
