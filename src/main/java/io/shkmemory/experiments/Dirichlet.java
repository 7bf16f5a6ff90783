package io.shkmemory.experiments;

import java.util.SplittableRandom;

/**
 * Draws from the Dirichlet distribution by normalising independent Gamma variates; the Gamma
 * draws use Marsaglia and Tsang, "A simple method for generating gamma variables" (ACM TOMS
 * 26(3), 2000), with the {@code U^(1/alpha)} boost for shapes below 1.
 */
final class Dirichlet {

    private Dirichlet() {
    }

    /** A point of the simplex with mean {@code alpha / sum(alpha)}; every alpha must be > 0. */
    static double[] sample(SplittableRandom rng, double[] alpha) {
        double[] x = new double[alpha.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = gamma(rng, alpha[i]);
            sum += x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
        return x;
    }

    /** A Gamma(shape, 1) variate. */
    static double gamma(SplittableRandom rng, double shape) {
        if (!(shape > 0) || !Double.isFinite(shape)) {
            throw new IllegalArgumentException("Gamma shape must be > 0 and finite, was " + shape);
        }
        if (shape < 1) {
            double u = 1.0 - rng.nextDouble();
            return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double dd = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * dd);
        while (true) {
            double z = rng.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + dd - dd * v + dd * Math.log(v)) {
                return dd * v;
            }
        }
    }
}
