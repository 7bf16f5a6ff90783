package io.shkmemory.memory;

/**
 * What a client sets on a memory.
 *
 * @param dimension   the dimension {@code d} every point of every pattern has
 * @param epsilon     entropic regularisation of the divergence used by retrieval and search
 * @param beta        inverse temperature of the retrieval energy
 * @param description free text, may be null
 */
public record MemorySettings(int dimension, double epsilon, double beta, String description) {
}
