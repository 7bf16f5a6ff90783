package io.shkmemory.engine;

/**
 * How far a Sinkhorn solve iterates.
 *
 * @param tolerance     stop once the L1 marginal error of the plan, {@code sum_j |pi^T 1 - b|_j},
 *                      is below this (the row marginal is exact when the solver returns)
 * @param maxIterations cap on sweeps at the target epsilon; a solve that reaches it returns
 *                      with {@code converged = false}
 * @param scaling       epsilon-scaling factor: successive annealing levels divide epsilon by
 *                      {@code 1 / scaling^2}, from the squared diameter down to the target
 */
public record SinkhornOptions(double tolerance, int maxIterations, double scaling) {

    /** Marginal error 1e-9, at most 20,000 sweeps, scaling 0.5. */
    public static final SinkhornOptions DEFAULT = new SinkhornOptions(1e-9, 20_000, 0.5);

    public SinkhornOptions {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be > 0 and finite, was " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
        }
        if (!(scaling > 0 && scaling < 1)) {
            throw new IllegalArgumentException("scaling must be in (0, 1), was " + scaling);
        }
    }

    /** These options with another tolerance. */
    public SinkhornOptions withTolerance(double newTolerance) {
        return new SinkhornOptions(newTolerance, maxIterations, scaling);
    }

    /** These options with another iteration cap. */
    public SinkhornOptions withMaxIterations(int newMaxIterations) {
        return new SinkhornOptions(tolerance, newMaxIterations, scaling);
    }
}
