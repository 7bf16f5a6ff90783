package io.shkmemory.memory;

/** No memory of that name exists. */
public final class MemoryNotFoundException extends RuntimeException {

    private final String name;

    public MemoryNotFoundException(String name) {
        super("memory '" + name + "' does not exist");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
