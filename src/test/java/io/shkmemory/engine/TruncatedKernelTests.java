package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The truncated (sparse) kernel against the dense one: the same products, and solves that
 * reach the same values, on problems where the truncation drops most entries.
 */
class TruncatedKernelTests {

    /** Relative agreement of values between the two kernel forms. */
    static final double SAME_VALUE = 1e-12;
    /** Relative agreement of single kernel products. */
    static final double SAME_PRODUCT = 1e-14;
    /** Marginal error both solves converge to, so that they share the fixed point. */
    static final double TIGHT = 1e-12;

    private static final SinkhornOptions OPTIONS =
            SinkhornOptions.DEFAULT.withTolerance(TIGHT).withMaxIterations(50_000);

    @Test
    void truncatedProductsEqualDenseProducts() {
        Random rng = new Random(11);
        Measure mu = Measure.uniform(Clouds.gaussian(rng, 300, 3, 1.0, null));
        Measure nu = Measure.uniform(Clouds.gaussian(rng, 280, 3, 1.0, null));
        double[] c = CostMatrix.halfSquaredDistances(mu, nu);
        double invEps = 1.0 / 0.003;
        double[] beta = Clouds.vector(rng, 280, 1.0);
        double[] alphaSparse = new double[300];
        double[] alphaDense = new double[300];
        KernelMatrix sparse = new KernelMatrix(c, 300, 280);
        KernelMatrix dense = new KernelMatrix(c, 300, 280, false, null);

        sparse.build(invEps, alphaSparse, beta, true, false);
        dense.build(invEps, alphaDense, beta, true, false);

        assertThat(sparse.isSparse()).isTrue();
        assertThat(sparse.storedEntries()).isLessThan(300L * 280 / 4);
        assertThat(alphaSparse).containsExactly(alphaDense);
        double[] w = Clouds.weights(rng, 300);
        double[] z = Clouds.weights(rng, 280);
        assertSameVector(product(sparse, z, true), product(dense, z, true), SAME_PRODUCT);
        assertSameVector(product(sparse, w, false), product(dense, w, false), SAME_PRODUCT);
    }

    @ParameterizedTest(name = "n={0}, m={1}, d={2}, eps={3}")
    @CsvSource({"200, 180, 3, 0.004", "250, 260, 2, 0.002", "400, 380, 3, 0.01"})
    void truncatedTwoSidedSolveReachesTheDenseValue(int n, int m, int d, double eps) {
        Random rng = new Random(n + m);
        Measure mu = Measure.of(Clouds.gaussian(rng, n, d, 1.0, null), Clouds.weights(rng, n));
        Measure nu = Measure.of(Clouds.gaussian(rng, m, d, 1.0, Clouds.vector(rng, d, 0.5)),
                Clouds.weights(rng, m));
        double[] c = CostMatrix.halfSquaredDistances(mu, nu);

        TwoSidedSinkhorn truncated = new TwoSidedSinkhorn(c, mu, nu, eps, true, null);
        TransportResult sparse = truncated.run(null, OPTIONS, SinkhornSolver.NEVER);
        TransportResult dense = new TwoSidedSinkhorn(c, mu, nu, eps, false, null)
                .run(null, OPTIONS, SinkhornSolver.NEVER);

        assertThat(truncated.truncated()).as("kernel truncated").isTrue();
        assertThat(sparse.converged()).isTrue();
        assertThat(dense.converged()).isTrue();
        assertRelative(sparse.value(), dense.value(), SAME_VALUE);
    }

    @ParameterizedTest(name = "n={0}, d={1}, eps={2}")
    @CsvSource({"300, 3, 0.003", "400, 2, 0.001"})
    void truncatedSelfSolveReachesTheDenseValue(int n, int d, double eps) {
        Random rng = new Random(n);
        Measure mu = Measure.of(Clouds.gaussian(rng, n, d, 1.0, null), Clouds.weights(rng, n));
        double[] c = CostMatrix.halfSquaredDistances(mu, mu);

        SelfSinkhorn truncated = new SelfSinkhorn(c, mu, eps, true, null);
        SelfTransportResult sparse = truncated.run(null, OPTIONS, SinkhornSolver.NEVER);
        SelfTransportResult dense = new SelfSinkhorn(c, mu, eps, false, null).run(null, OPTIONS, SinkhornSolver.NEVER);

        assertThat(truncated.truncated()).as("kernel truncated").isTrue();
        assertThat(sparse.converged()).isTrue();
        assertThat(dense.converged()).isTrue();
        assertRelative(sparse.value(), dense.value(), SAME_VALUE);
    }

    private static double[] product(KernelMatrix k, double[] w, boolean rows) {
        double[] out = new double[rows ? 300 : 280];
        if (rows) {
            k.rows(w, out);
        } else {
            k.columns(w, out);
        }
        return out;
    }

    private static void assertSameVector(double[] actual, double[] expected, double relative) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i]))
                    .as("entry %d: %s against %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(relative * Math.abs(expected[i]));
        }
    }

    static void assertRelative(double actual, double expected, double relative) {
        assertThat(Math.abs(actual - expected) / Math.abs(expected))
                .as("%s against %s", actual, expected).isLessThanOrEqualTo(relative);
    }
}
