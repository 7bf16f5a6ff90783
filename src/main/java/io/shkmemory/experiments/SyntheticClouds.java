package io.shkmemory.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.shkmemory.engine.Measure;

/**
 * The synthetic data of the experiments: Gaussian point-cloud patterns and the perturbed
 * queries made from them.
 *
 * <p>Pattern {@code k}: a centre {@code c_k ~ N(0, centreSpread^2 I_d)}, then {@code n} points
 * {@code y_kj ~ N(c_k, pointSpread^2 I_d)} i.i.d., with weights
 * {@code b_k ~ Dirichlet(patternWeightAlpha, ..., patternWeightAlpha)}.
 *
 * <p>Query from pattern {@code k}, in this order: Gaussian noise of standard deviation
 * {@code sigma} on every point; weights {@code a ~ Dirichlet(weightConcentration * b_k)}, whose
 * mean is {@code b_k}; a number of points replaced by outliers drawn from the memory's overall
 * distribution {@code N(0, (centreSpread^2 + pointSpread^2) I_d)}; a number of points dropped
 * (weights renormalised); and a random permutation of the points that remain.
 */
final class SyntheticClouds {

    private final DataSettings settings;

    SyntheticClouds(DataSettings settings) {
        this.settings = settings;
    }

    /** The shape of the data; spreads are standard deviations per coordinate. */
    record DataSettings(int points, double pointSpread, double centreSpread,
                        double patternWeightAlpha, double weightConcentration) {
    }

    /** How a query is spoilt; counts are numbers of points. */
    record Corruption(double sigma, int outliers, int dropped) {
    }

    /**
     * A query made from stored pattern {@code truth}.
     *
     * @param received      the cloud as it arrives: perturbed, permuted, reweighted
     * @param storedOrder   its points flattened in the pattern's stored order, dropped points
     *                      filled with the mean of the received ones (the Euclidean baseline's
     *                      best case)
     * @param receivedOrder its points flattened in the order received, then the same filling
     */
    record Query(int truth, Measure received, double[] storedOrder, double[] receivedOrder) {
    }

    /** {@code count} patterns from {@code rng}; a longer memory from the same seed extends it. */
    List<Measure> memory(SplittableRandom rng, int count, int d) {
        List<Measure> patterns = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            patterns.add(pattern(rng, d));
        }
        return patterns;
    }

    private Measure pattern(SplittableRandom rng, int d) {
        double[] centre = gaussianVector(rng, d, settings.centreSpread());
        double[][] points = new double[settings.points()][];
        for (int j = 0; j < points.length; j++) {
            points[j] = add(centre, gaussianVector(rng, d, settings.pointSpread()));
        }
        double[] alpha = new double[points.length];
        java.util.Arrays.fill(alpha, settings.patternWeightAlpha());
        return Measure.of(points, Dirichlet.sample(rng, alpha));
    }

    /** A query from {@code patterns.get(truth)}. */
    Query query(SplittableRandom rng, List<Measure> patterns, int truth, Corruption corruption) {
        Measure pattern = patterns.get(truth);
        int n = pattern.size();
        int d = pattern.dimension();
        double[][] points = pattern.points();
        for (double[] point : points) {
            addInPlace(point, gaussianVector(rng, d, corruption.sigma()));
        }
        double[] weights = queryWeights(rng, pattern.weights());
        double outlierSpread = Math.hypot(settings.centreSpread(), settings.pointSpread());
        int[] shuffled = permutation(rng, n);
        for (int t = 0; t < corruption.outliers(); t++) {
            points[shuffled[t]] = gaussianVector(rng, d, outlierSpread);
        }
        boolean[] kept = new boolean[n];
        java.util.Arrays.fill(kept, true);
        for (int t = 0; t < corruption.dropped(); t++) {
            kept[shuffled[n - 1 - t]] = false;
        }
        return assemble(rng, truth, points, weights, kept);
    }

    private double[] queryWeights(SplittableRandom rng, double[] stored) {
        double[] alpha = new double[stored.length];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = settings.weightConcentration() * stored[i];
        }
        return Dirichlet.sample(rng, alpha);
    }

    /** Permutes the kept points and flattens them both ways. */
    private static Query assemble(SplittableRandom rng, int truth, double[][] points,
                                  double[] weights, boolean[] kept) {
        int n = points.length;
        int d = points[0].length;
        List<Integer> keptIndices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                keptIndices.add(i);
            }
        }
        int m = keptIndices.size();
        int[] order = permutation(rng, m);
        double[][] receivedPoints = new double[m][];
        double[] receivedWeights = new double[m];
        for (int r = 0; r < m; r++) {
            int i = keptIndices.get(order[r]);
            receivedPoints[r] = points[i];
            receivedWeights[r] = weights[i];
        }
        Measure received = Measure.of(receivedPoints, receivedWeights);
        double[] fill = mean(receivedPoints);
        double[] stored = new double[n * d];
        double[] inReceivedOrder = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(kept[i] ? points[i] : fill, 0, stored, i * d, d);
            System.arraycopy(i < m ? receivedPoints[i] : fill, 0, inReceivedOrder, i * d, d);
        }
        return new Query(truth, received, stored, inReceivedOrder);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(SplittableRandom rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double[] gaussianVector(SplittableRandom rng, int d, double spread) {
        double[] v = new double[d];
        for (int k = 0; k < d; k++) {
            v[k] = spread * rng.nextGaussian();
        }
        return v;
    }

    private static double[] add(double[] u, double[] v) {
        double[] s = u.clone();
        addInPlace(s, v);
        return s;
    }

    private static void addInPlace(double[] u, double[] v) {
        for (int k = 0; k < u.length; k++) {
            u[k] += v[k];
        }
    }

    private static double[] mean(double[][] points) {
        double[] m = new double[points[0].length];
        for (double[] p : points) {
            addInPlace(m, p);
        }
        for (int k = 0; k < m.length; k++) {
            m[k] /= points.length;
        }
        return m;
    }
}
