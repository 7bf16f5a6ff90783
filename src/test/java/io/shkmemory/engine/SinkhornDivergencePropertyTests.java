package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mathematical facts of the debiased Sinkhorn divergence, each checked over seeded random
 * measures of varied size, dimension, weights and epsilon.
 */
class SinkhornDivergencePropertyTests {

    /** Absolute tolerance for identities that hold exactly in exact arithmetic. */
    static final double IDENTITY = 1e-10;
    /** Absolute tolerance between analytic derivatives and central finite differences. */
    static final double FINITE_DIFFERENCE = 1e-6;

    private final SinkhornSolver solver = new SinkhornSolver(
            SinkhornOptions.DEFAULT.withTolerance(1e-13).withMaxIterations(100_000));
    private final SinkhornDivergence divergence = new SinkhornDivergence(solver);

    /** A pair of random measures with the epsilon to compare them at. */
    record Pair(long seed, Measure mu, Measure nu, double eps) {
        @Override
        public String toString() {
            return "seed " + seed + " (n=" + mu.size() + ", m=" + nu.size() + ", d="
                    + mu.dimension() + ", eps=" + eps + ")";
        }
    }

    static Stream<Pair> pairs() {
        return IntStream.range(0, 12).mapToObj(i -> pair(1000 + i));
    }

    static Pair pair(long seed) {
        Random rng = new Random(seed);
        int d = new int[] {1, 2, 3, 5}[rng.nextInt(4)];
        int n = 1 + rng.nextInt(20);
        int m = 1 + rng.nextInt(20);
        double eps = new double[] {0.02, 0.1, 0.5}[rng.nextInt(3)];
        Measure mu = Measure.of(Clouds.gaussian(rng, n, d, 1.0, null), Clouds.weights(rng, n));
        Measure nu = Measure.of(Clouds.gaussian(rng, m, d, 0.8, Clouds.vector(rng, d, 1.0)),
                Clouds.weights(rng, m));
        return new Pair(seed, mu, nu, eps);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void divergenceOfMeasureWithItselfIsZero(Pair p) {
        assertThat(divergence.compute(p.mu(), p.mu(), p.eps()).value())
                .isCloseTo(0.0, within(IDENTITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void divergenceIsSymmetric(Pair p) {
        double forward = divergence.compute(p.mu(), p.nu(), p.eps()).value();
        double backward = divergence.compute(p.nu(), p.mu(), p.eps()).value();

        assertThat(forward).isCloseTo(backward, within(IDENTITY * Math.max(1, forward)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void divergenceIsNonNegative(Pair p) {
        assertThat(divergence.compute(p.mu(), p.nu(), p.eps()).value())
                .isGreaterThanOrEqualTo(-IDENTITY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void divergenceIsInvariantUnderPermutingPoints(Pair p) {
        double original = divergence.compute(p.mu(), p.nu(), p.eps()).value();
        Random rng = new Random(p.seed());

        double permuted = divergence.compute(permute(p.mu(), rng), permute(p.nu(), rng),
                p.eps()).value();

        assertThat(permuted).isCloseTo(original, within(IDENTITY * Math.max(1, original)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void divergenceIsInvariantUnderTranslatingBothMeasures(Pair p) {
        double original = divergence.compute(p.mu(), p.nu(), p.eps()).value();
        double[] shift = Clouds.vector(new Random(p.seed()), p.mu().dimension(), 3.0);

        double moved = divergence.compute(translate(p.mu(), shift), translate(p.nu(), shift),
                p.eps()).value();

        assertThat(moved).isCloseTo(original, within(1e-9 * Math.max(1, original)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void mergingDuplicatedPointsChangesNothing(Pair p) {
        double original = divergence.compute(p.mu(), p.nu(), p.eps()).value();

        double split = divergence.compute(splitFirstPoint(p.mu()), p.nu(), p.eps()).value();

        assertThat(split).isCloseTo(original, within(IDENTITY * Math.max(1, original)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void divergenceIsCentredDivergencePlusHalfSquaredDistanceOfMeans(Pair p) {
        double[] meanMu = Pattern.mean(p.mu());
        double[] meanNu = Pattern.mean(p.nu());
        double half = 0;
        for (int k = 0; k < meanMu.length; k++) {
            half += 0.5 * (meanMu[k] - meanNu[k]) * (meanMu[k] - meanNu[k]);
        }
        double centred = divergence.compute(translate(p.mu(), negate(meanMu)),
                translate(p.nu(), negate(meanNu)), p.eps()).value();

        double value = divergence.compute(p.mu(), p.nu(), p.eps()).value();

        assertThat(value).isCloseTo(centred + half, within(1e-9 * Math.max(1, value)));
        assertThat(value).isGreaterThanOrEqualTo(half - IDENTITY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void positionGradientEqualsCentralFiniteDifferences(Pair p) {
        Divergence s = divergence.compute(p.mu(), p.nu(), p.eps());
        double[] gradient = SinkhornDivergence.positionGradient(p.mu(), p.nu(), s);
        double h = 1e-5;
        int d = p.mu().dimension();
        Random rng = new Random(p.seed());
        for (int trial = 0; trial < 3; trial++) {
            int i = rng.nextInt(p.mu().size());
            int k = rng.nextInt(d);
            double plus = divergence.compute(moveCoordinate(p.mu(), i, k, h), p.nu(), p.eps())
                    .value();
            double minus = divergence.compute(moveCoordinate(p.mu(), i, k, -h), p.nu(), p.eps())
                    .value();

            assertThat(gradient[i * d + k]).as("dS/dx_%d[%d]", i, k)
                    .isCloseTo((plus - minus) / (2 * h), within(FINITE_DIFFERENCE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void firstVariationEqualsCentralFiniteDifferences(Pair p) {
        Divergence s = divergence.compute(p.mu(), p.nu(), p.eps());
        double[] phi = SinkhornDivergence.centredFirstVariation(p.mu(), s);
        int n = p.mu().size();
        double[] direction = new double[n];
        Random rng = new Random(p.seed());
        double mean = 0;
        for (int i = 0; i < n; i++) {
            direction[i] = rng.nextGaussian() * p.mu().weight(i);
            mean += direction[i] / n;
        }
        double analytic = 0;
        for (int i = 0; i < n; i++) {
            direction[i] -= mean;
            analytic += phi[i] * direction[i];
        }
        double h = 1e-7;

        double plus = divergence.compute(reweight(p.mu(), direction, h), p.nu(), p.eps()).value();
        double minus = divergence.compute(reweight(p.mu(), direction, -h), p.nu(), p.eps())
                .value();

        assertThat(analytic).isCloseTo((plus - minus) / (2 * h), within(FINITE_DIFFERENCE));
    }

    static Measure permute(Measure mu, Random rng) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, mu.size()).boxed().toList());
        Collections.shuffle(order, rng);
        double[][] points = new double[mu.size()][];
        double[] weights = new double[mu.size()];
        double[][] source = mu.points();
        for (int i = 0; i < order.size(); i++) {
            points[i] = source[order.get(i)];
            weights[i] = mu.weight(order.get(i));
        }
        return Measure.of(points, weights);
    }

    static Measure translate(Measure mu, double[] shift) {
        double[][] points = mu.points();
        for (double[] point : points) {
            for (int k = 0; k < shift.length; k++) {
                point[k] += shift[k];
            }
        }
        return Measure.of(points, mu.weights());
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = -v[k];
        }
        return out;
    }

    /** The same measure with its first point listed twice, its weight split 30/70. */
    static Measure splitFirstPoint(Measure mu) {
        double[][] points = mu.points();
        double[][] more = new double[points.length + 1][];
        double[] weights = new double[points.length + 1];
        System.arraycopy(points, 0, more, 0, points.length);
        more[points.length] = points[0].clone();
        for (int i = 0; i < points.length; i++) {
            weights[i] = mu.weight(i);
        }
        weights[0] = 0.3 * mu.weight(0);
        weights[points.length] = 0.7 * mu.weight(0);
        return Measure.of(more, weights);
    }

    private static Measure moveCoordinate(Measure mu, int i, int k, double h) {
        double[][] points = mu.points();
        points[i][k] += h;
        return Measure.of(points, mu.weights());
    }

    /** {@code a + h v} for a direction summing to zero, kept unnormalised-safe. */
    private static Measure reweight(Measure mu, double[] direction, double h) {
        double[] weights = mu.weights();
        for (int i = 0; i < weights.length; i++) {
            weights[i] += h * direction[i];
        }
        return Measure.of(mu.points(), weights);
    }
}
