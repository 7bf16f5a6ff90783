package io.shkmemory.engine;

/**
 * A stored pattern as seen from a measure.
 *
 * @param index          position of the pattern in the list it was searched in
 * @param divergence     {@code S_eps(measure, pattern)}
 * @param responsibility {@code softmax_k(-beta S_eps)} over the memory, or {@code NaN} where no
 *                       temperature applies (plain search)
 */
public record Match(int index, double divergence, double responsibility) {
}
