package io.shkmemory.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random point clouds for engine tests. */
final class Clouds {

    private Clouds() {
    }

    /** {@code n} points from a standard normal in {@code R^d}, scaled and shifted. */
    static double[][] gaussian(Random rng, int n, int d, double spread, double[] centre) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = (centre == null ? 0 : centre[k]) + spread * rng.nextGaussian();
            }
        }
        return x;
    }

    static double[] vector(Random rng, int d, double spread) {
        double[] v = new double[d];
        for (int k = 0; k < d; k++) {
            v[k] = spread * rng.nextGaussian();
        }
        return v;
    }

    /** Positive weights with some variation, not normalised. */
    static double[] weights(Random rng, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.2 + rng.nextDouble();
        }
        return w;
    }

    /** {@code count} patterns of {@code n} points with random centres of spread {@code centreSpread}. */
    static List<Measure> memory(Random rng, int count, int n, int d, double centreSpread) {
        List<Measure> patterns = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            patterns.add(Measure.uniform(gaussian(rng, n, d, 1.0, vector(rng, d, centreSpread))));
        }
        return patterns;
    }

    /** The pattern's points with Gaussian noise, in a random order, with uniform weights. */
    static Measure noisyPermuted(Random rng, Measure pattern, double sigma) {
        double[][] y = pattern.points();
        List<double[]> rows = new ArrayList<>();
        for (double[] p : y) {
            double[] q = p.clone();
            for (int k = 0; k < q.length; k++) {
                q[k] += sigma * rng.nextGaussian();
            }
            rows.add(q);
        }
        java.util.Collections.shuffle(rows, rng);
        return Measure.uniform(rows.toArray(new double[0][]));
    }
}
