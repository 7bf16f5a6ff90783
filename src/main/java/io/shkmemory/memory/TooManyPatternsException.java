package io.shkmemory.memory;

/** A write that would take a memory over its pattern limit; answered with 413. */
public final class TooManyPatternsException extends RuntimeException {

    public TooManyPatternsException(String memory, long limit, long wouldHold) {
        super("memory '" + memory + "' may hold at most " + limit + " patterns; this write "
                + "would make it " + wouldHold);
    }
}
