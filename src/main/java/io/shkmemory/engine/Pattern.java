package io.shkmemory.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A stored pattern {@code xi_k = (b, y)} of a memory, with what retrieval needs of it that does
 * not depend on the query: its weighted mean (for the lower bound of
 * {@link ShkRetrieval}) and its symmetric self potential {@code q} per epsilon, computed once
 * and kept. Thread-safe.
 */
public final class Pattern {

    private final Measure measure;
    private final double[] mean;
    private final ConcurrentMap<Double, SelfTransportResult> selfPotentials =
            new ConcurrentHashMap<>();

    public Pattern(Measure measure) {
        this.measure = measure;
        this.mean = mean(measure);
    }

    public Measure measure() {
        return measure;
    }

    /** The self potential {@code q} of {@code OT_eps(xi, xi)}, solved on first use per epsilon. */
    public SelfTransportResult selfPotential(SinkhornSolver solver, double eps) {
        return selfPotentials.computeIfAbsent(eps, e -> solver.solveSelf(measure, e));
    }

    /** Whether the self potential for this epsilon is already cached. */
    public boolean hasSelfPotential(double eps) {
        return selfPotentials.containsKey(eps);
    }

    /** The weighted mean {@code sum_j b_j y_j}; shared, do not modify. */
    double[] mean() {
        return mean;
    }

    static double[] mean(Measure mu) {
        int d = mu.dimension();
        double[] m = new double[d];
        double[] x = mu.x();
        for (int i = 0; i < mu.size(); i++) {
            double w = mu.weight(i);
            for (int k = 0; k < d; k++) {
                m[k] += w * x[i * d + k];
            }
        }
        return m;
    }
}
