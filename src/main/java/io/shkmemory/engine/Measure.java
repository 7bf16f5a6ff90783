package io.shkmemory.engine;

import java.util.Arrays;

/**
 * An immutable weighted point cloud {@code mu = sum_i a_i delta(x_i)} in {@code R^d}.
 *
 * <p>Points are stored row-major in one array ({@code x[i * d + k]} is coordinate {@code k}
 * of point {@code i}); weights {@code a} are normalised to sum 1 at construction, and
 * {@code log a} is kept beside them because every softmin needs it. Zero weights are
 * allowed: such points carry no mass, and {@code log a_i = -infinity}.
 */
public final class Measure {

    private final int n;
    private final int d;
    private final double[] x;
    private final double[] a;
    private final double[] logA;

    private Measure(int n, int d, double[] x, double[] a) {
        this.n = n;
        this.d = d;
        this.x = x;
        this.a = a;
        this.logA = new double[n];
        for (int i = 0; i < n; i++) {
            logA[i] = Math.log(a[i]);
        }
    }

    /**
     * Builds a measure from points and optional weights.
     *
     * @param points  {@code n >= 1} points, each with the same number {@code d >= 1} of finite
     *                coordinates; copied
     * @param weights {@code n} finite non-negative weights with a positive sum, or
     *                {@code null} for uniform weights; copied and normalised
     * @throws InvalidMeasureException naming the offending index and value
     */
    public static Measure of(double[][] points, double[] weights) {
        if (points == null || points.length == 0) {
            throw new InvalidMeasureException("points", "must hold at least one point");
        }
        int n = points.length;
        if (points[0] == null || points[0].length == 0) {
            throw new InvalidMeasureException("points[0]", "must have at least one coordinate");
        }
        int d = points[0].length;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] p = points[i];
            if (p == null || p.length != d) {
                throw new InvalidMeasureException("points[" + i + "]", "must have " + d
                        + " coordinates like points[0], had " + (p == null ? 0 : p.length));
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(p[k])) {
                    throw new InvalidMeasureException("points[" + i + "][" + k + "]",
                            "must be finite, was " + p[k]);
                }
                x[i * d + k] = p[k];
            }
        }
        return new Measure(n, d, x, normalisedWeights(weights, n));
    }

    /** A measure with uniform weights; see {@link #of(double[][], double[])}. */
    public static Measure uniform(double[][] points) {
        return of(points, null);
    }

    /**
     * Builds a measure from row-major coordinates without copying them; for the engine's own
     * iterates, whose coordinates are known to be finite.
     */
    static Measure ofRowMajor(int d, double[] x, double[] weights) {
        if (d < 1 || x.length == 0 || x.length % d != 0) {
            throw new InvalidMeasureException("points", "row-major array of length " + x.length
                    + " does not hold whole points of dimension " + d);
        }
        int n = x.length / d;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new InvalidMeasureException("points[" + i / d + "][" + i % d + "]",
                        "must be finite, was " + x[i]);
            }
        }
        return new Measure(n, d, x, normalisedWeights(weights, n));
    }

    private static double[] normalisedWeights(double[] weights, int n) {
        double[] a = new double[n];
        if (weights == null) {
            Arrays.fill(a, 1.0 / n);
            return a;
        }
        if (weights.length != n) {
            throw new InvalidMeasureException("weights", "must have one weight per point ("
                    + n + "), had " + weights.length);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (!Double.isFinite(w)) {
                throw new InvalidMeasureException("weights[" + i + "]", "must be finite, was " + w);
            }
            if (w < 0) {
                throw new InvalidMeasureException("weights[" + i + "]", "must be >= 0, was " + w);
            }
            sum += w;
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            throw new InvalidMeasureException("weights", "must have a positive finite sum, was "
                    + sum);
        }
        for (int i = 0; i < n; i++) {
            a[i] = weights[i] / sum;
        }
        return a;
    }

    /** Number of points {@code n}. */
    public int size() {
        return n;
    }

    /** Dimension {@code d} of the points. */
    public int dimension() {
        return d;
    }

    /** Coordinate {@code k} of point {@code i}. */
    public double coordinate(int i, int k) {
        return x[i * d + k];
    }

    /** Normalised weight {@code a_i}. */
    public double weight(int i) {
        return a[i];
    }

    /** A copy of the points as {@code n} rows of {@code d} coordinates. */
    public double[][] points() {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
        }
        return rows;
    }

    /** A copy of the normalised weights. */
    public double[] weights() {
        return a.clone();
    }

    /** The row-major coordinates, shared: the engine must not modify them. */
    double[] x() {
        return x;
    }

    /** The normalised weights, shared: the engine must not modify them. */
    double[] a() {
        return a;
    }

    /** {@code log a_i}, shared: the engine must not modify them. */
    double[] logA() {
        return logA;
    }

    /** A copy of the row-major coordinates. */
    public double[] coordinates() {
        return x.clone();
    }

    /** Smallest axis-aligned box side lengths' Euclidean norm: a bound on the diameter. */
    double boxDiagonalSquared(Measure other) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Measure m : new Measure[] {this, other}) {
                for (int i = 0; i < m.n; i++) {
                    double v = m.x[i * d + k];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            sum += (hi - lo) * (hi - lo);
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Measure m && m.d == d && Arrays.equals(m.x, x) && Arrays.equals(m.a, a);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(a);
    }

    @Override
    public String toString() {
        return "Measure[n=" + n + ", d=" + d + "]";
    }
}
