package io.shkmemory.memory;

/** No pattern of that id exists in the memory. */
public final class PatternNotFoundException extends RuntimeException {

    public PatternNotFoundException(String memory, String id) {
        super("pattern '" + id + "' does not exist in memory '" + memory + "'");
    }
}
