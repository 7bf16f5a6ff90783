package io.shkmemory.engine;

/**
 * The Hopfield-style energy of a measure over a memory,
 * {@code E = -(1/beta) log sum_k exp(-beta S_eps(mu, xi_k))}, with the responsibilities
 * {@code w = softmax(-beta S)} and the divergences it came from ({@code NaN} and weight 0 for
 * patterns the lower bound ruled out; see {@link ShkRetrieval}).
 */
public record Energy(double value, double[] responsibilities, double[] divergences) {
}
