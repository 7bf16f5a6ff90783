package io.shkmemory.memory;

/**
 * A write or query disagrees with the dimension of the memory it addresses: points of
 * another dimension, or a new dimension for a memory that still holds patterns.
 */
public final class DimensionConflictException extends RuntimeException {

    private final String field;

    public DimensionConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Points of dimension {@code d} sent to a memory of another dimension. */
    public static DimensionConflictException ofPoints(String field, int d, String memory,
                                                      int memoryDimension) {
        return new DimensionConflictException(field, "points have dimension " + d
                + " but memory '" + memory + "' has dimension " + memoryDimension);
    }

    /** The request field at fault, e.g. {@code dimension} or {@code patterns[2].points}. */
    public String field() {
        return field;
    }

    /** The same conflict, reported on another field. */
    public DimensionConflictException onField(String newField) {
        return new DimensionConflictException(newField, getMessage());
    }
}
