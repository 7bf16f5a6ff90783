package io.shkmemory.memory;

import java.time.Instant;

/**
 * A stored memory's settings and bookkeeping.
 *
 * @param name      the memory's name, {@code [A-Za-z0-9._-]{1,64}}
 * @param settings  dimension, epsilon, beta, description
 * @param createdAt when the memory was first created
 * @param updatedAt when the memory or one of its patterns last changed
 * @param version   the database change sequence value of the last change; instances compare
 *                  it to notice each other's writes
 */
public record MemoryInfo(String name, MemorySettings settings, Instant createdAt,
                         Instant updatedAt, long version) {
}
