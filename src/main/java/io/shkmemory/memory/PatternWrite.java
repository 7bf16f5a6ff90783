package io.shkmemory.memory;

import java.util.Map;

import io.shkmemory.engine.Measure;

/**
 * A pattern to store, already validated.
 *
 * @param id       the pattern's id
 * @param measure  the point cloud, of the memory's dimension
 * @param weights  the weights as the client sent them, or null for uniform weights; they are
 *                 stored as sent so that normalising them again after a restart gives the
 *                 same {@link Measure}, bit for bit
 * @param metadata free JSON object, never null
 */
public record PatternWrite(String id, Measure measure, double[] weights,
                           Map<String, Object> metadata) {
}
