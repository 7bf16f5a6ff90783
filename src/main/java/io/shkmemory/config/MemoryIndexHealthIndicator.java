package io.shkmemory.config;

import io.shkmemory.memory.MemoryIndex;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code memoryIndex}: DOWN until the index is loaded from the database. It is part
 * of the readiness group, so that no traffic is routed to an instance that cannot serve it.
 */
@Component
public class MemoryIndexHealthIndicator implements HealthIndicator {

    private final MemoryIndex index;

    public MemoryIndexHealthIndicator(MemoryIndex index) {
        this.index = index;
    }

    @Override
    public Health health() {
        if (!index.isLoaded()) {
            return Health.down().withDetail("index", "loading").build();
        }
        return Health.up().withDetail("memories", index.memoryCount()).build();
    }
}
