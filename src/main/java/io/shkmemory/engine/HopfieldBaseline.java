package io.shkmemory.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The Euclidean modern Hopfield memory on flattened clouds, kept as the baseline of the
 * experiments, not as a production mode (DESIGN.md section 1, "Euclidean baseline").
 *
 * <p>Notation: pattern {@code k} with its {@code n} points in stored order is flattened to the
 * column {@code X_k in R^(n d)} (point {@code i} at coordinates {@code i d .. i d + d - 1}); a
 * query is flattened the same way, in whatever order its points arrive, to {@code v}. The
 * update is the distance form of the modern Hopfield rule,
 * <pre>
 *   w = softmax_k(-beta |X_k - v|^2 / 2),     v &lt;- X w,
 * </pre>
 * which is the concave-convex procedure for
 * {@code E(v) = -(1/beta) log sum_k exp(-beta |X_k - v|^2 / 2)}
 * ({@code |v|^2 / 2} minus a log-sum-exp of affine functions), so {@code E} never rises. The
 * recalled pattern is {@code argmax_k w_k} at the final state. Measure weights are ignored and
 * every cloud must have the same number of points: the baseline knows nothing of measures, and
 * it depends on the order of the points, which is why SHK retrieval exists.
 *
 * <p>Immutable and thread-safe.
 */
public final class HopfieldBaseline {

    private final int n;
    private final int d;
    private final double[][] X;

    /**
     * @param patterns {@code K >= 1} clouds, all with the same number of points and dimension
     * @throws IllegalArgumentException if there are none or their shapes differ
     */
    public HopfieldBaseline(List<Measure> patterns) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("patterns must not be empty");
        }
        this.n = patterns.get(0).size();
        this.d = patterns.get(0).dimension();
        this.X = new double[patterns.size()][];
        for (int k = 0; k < X.length; k++) {
            Measure m = patterns.get(k);
            if (m.size() != n || m.dimension() != d) {
                throw new IllegalArgumentException("pattern " + k + " has " + m.size()
                        + " points in dimension " + m.dimension() + ", expected " + n
                        + " points in dimension " + d + " like pattern 0");
            }
            X[k] = m.coordinates();
        }
    }

    /**
     * The outcome of one recall.
     *
     * @param state            the final flattened state
     * @param responsibilities {@code softmax_k(-beta |X_k - v|^2 / 2)} at the final state
     * @param best             the recalled pattern, {@code argmax_k w_k} (first on ties)
     * @param steps            updates made
     * @param converged        whether the last update moved less than the tolerance
     * @param energies         {@code E} at the query and after every update
     */
    public record Result(double[] state, double[] responsibilities, int best, int steps,
                         boolean converged, double initialEnergy, double finalEnergy,
                         List<Double> energies) {
    }

    public int patternCount() {
        return X.length;
    }

    public int pointCount() {
        return n;
    }

    public int dimension() {
        return d;
    }

    /** A flattened state read back as a cloud of {@code n} uniformly weighted points. */
    public Measure toMeasure(double[] v) {
        checkQuery(v);
        return Measure.ofRowMajor(d, v.clone(), null);
    }

    /** The points of {@code m} in their order, row-major: {@code n d} numbers. */
    public static double[] flatten(Measure m) {
        return m.coordinates();
    }

    /**
     * Iterates {@code v <- X softmax(-beta |X_k - v|^2 / 2)} from {@code query} until the RMS
     * per-point move {@code sqrt(|v' - v|^2 / n)} is at most {@code tolerance} or
     * {@code maxSteps} updates were made.
     *
     * @param query {@code n d} numbers, the query's points flattened in the order they arrive
     */
    public Result retrieve(double[] query, double beta, int maxSteps, double tolerance) {
        checkQuery(query);
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be > 0 and finite, was " + beta);
        }
        double[] v = query.clone();
        double[] halfDistances = halfSquaredDistances(v);
        List<Double> energies = new ArrayList<>();
        energies.add(logSumExpEnergy(halfDistances, beta));
        int steps = 0;
        boolean converged = false;
        while (!converged && steps < maxSteps) {
            double[] next = combine(softmax(halfDistances, beta));
            converged = Math.sqrt(squaredDistance(next, v) / n) <= tolerance;
            v = next;
            halfDistances = halfSquaredDistances(v);
            energies.add(logSumExpEnergy(halfDistances, beta));
            steps++;
        }
        double[] w = softmax(halfDistances, beta);
        return new Result(v, w, argmax(w), steps, converged, energies.get(0),
                energies.get(energies.size() - 1), List.copyOf(energies));
    }

    /** {@code E(v) = -(1/beta) log sum_k exp(-beta |X_k - v|^2 / 2)}. */
    public double energy(double[] v, double beta) {
        checkQuery(v);
        return logSumExpEnergy(halfSquaredDistances(v), beta);
    }

    /** {@code softmax_k(-beta |X_k - v|^2 / 2)}. */
    public double[] responsibilities(double[] v, double beta) {
        checkQuery(v);
        return softmax(halfSquaredDistances(v), beta);
    }

    private void checkQuery(double[] v) {
        if (v.length != n * d) {
            throw new IllegalArgumentException("query must have " + n + " points of dimension "
                    + d + " (" + n * d + " numbers), had " + v.length);
        }
    }

    private double[] halfSquaredDistances(double[] v) {
        double[] h = new double[X.length];
        for (int k = 0; k < X.length; k++) {
            h[k] = 0.5 * squaredDistance(X[k], v);
        }
        return h;
    }

    private static double squaredDistance(double[] u, double[] v) {
        double s = 0;
        for (int idx = 0; idx < u.length; idx++) {
            double diff = u[idx] - v[idx];
            s += diff * diff;
        }
        return s;
    }

    /** Max-shifted, so that large {@code beta |X_k - v|^2} does not underflow every term. */
    private static double[] softmax(double[] halfDistances, double beta) {
        double smallest = min(halfDistances);
        double[] w = new double[halfDistances.length];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.exp(-beta * (halfDistances[k] - smallest));
            sum += w[k];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    private static double logSumExpEnergy(double[] halfDistances, double beta) {
        double smallest = min(halfDistances);
        double sum = 0;
        for (double h : halfDistances) {
            sum += Math.exp(-beta * (h - smallest));
        }
        return smallest - Math.log(sum) / beta;
    }

    /** {@code X w}. */
    private double[] combine(double[] w) {
        double[] v = new double[n * d];
        for (int k = 0; k < X.length; k++) {
            if (w[k] == 0) {
                continue;
            }
            for (int idx = 0; idx < v.length; idx++) {
                v[idx] += w[k] * X[k][idx];
            }
        }
        return v;
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double value : values) {
            m = Math.min(m, value);
        }
        return m;
    }

    /** The first index of the largest value. */
    private static int argmax(double[] w) {
        int best = 0;
        for (int k = 1; k < w.length; k++) {
            if (w[k] > w[best]) {
                best = k;
            }
        }
        return best;
    }
}
