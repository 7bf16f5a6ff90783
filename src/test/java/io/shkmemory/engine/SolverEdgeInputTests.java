package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs at the edges of what the solver meets: every answer is finite, and a solve that does
 * not reach its tolerance says so instead of returning NaN.
 */
class SolverEdgeInputTests {

    /** Relative agreement of a divergence with its translated copy far from the origin. */
    static final double TRANSLATION_RELATIVE = 1e-6;

    private final SinkhornSolver solver = new SinkhornSolver(
            SinkhornOptions.DEFAULT.withTolerance(1e-9).withMaxIterations(2_000));
    private final SinkhornDivergence divergence = new SinkhornDivergence(solver);

    @Test
    void onePointMeasuresGiveHalfTheSquaredDistance() {
        Measure x = Measure.uniform(new double[][] {{0.0, 1.0}});
        Measure y = Measure.uniform(new double[][] {{3.0, -1.0}});

        TransportResult ot = solver.solve(x, y, 0.01);
        Divergence s = divergence.compute(x, y, 0.01);

        assertThat(ot.value()).isCloseTo(6.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.value()).isCloseTo(6.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.converged()).isTrue();
    }

    @Test
    void coincidentPointsGiveFiniteAnswers() {
        double[][] same = new double[20][];
        for (int i = 0; i < same.length; i++) {
            same[i] = new double[] {1.0, 2.0, 3.0};
        }
        Measure mu = Measure.uniform(same);
        Measure nu = Measure.uniform(Clouds.gaussian(new Random(3), 30, 3, 1.0, null));

        assertFinite(divergence.compute(mu, nu, 0.001));
        assertFinite(divergence.compute(mu, mu, 0.001));
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 256})
    void extremeDimensionsGiveFiniteConvergedAnswers(int d) {
        Random rng = new Random(d);
        Measure mu = Measure.uniform(Clouds.gaussian(rng, 60, d, 1.0, null));
        Measure nu = Measure.uniform(Clouds.gaussian(rng, 50, d, 1.0, Clouds.vector(rng, d, 0.3)));

        Divergence s = divergence.compute(mu, nu, 0.01 * d);

        assertFinite(s);
        assertThat(s.converged()).isTrue();
    }

    @Test
    void coordinatesAroundAMillionGiveTheTranslatedDivergence() {
        Random rng = new Random(5);
        double[][] x = Clouds.gaussian(rng, 80, 3, 1.0, null);
        double[][] y = Clouds.gaussian(rng, 70, 3, 1.0, new double[] {0.5, 0.5, 0.5});
        double[] far = {1e6, -2e6, 1e6};

        Divergence near = divergence.compute(Measure.uniform(x), Measure.uniform(y), 0.01);
        Divergence shifted = divergence.compute(Measure.uniform(shift(x, far)),
                Measure.uniform(shift(y, far)), 0.01);

        assertFinite(shifted);
        assertThat(Math.abs(shifted.value() - near.value()) / near.value())
                .isLessThanOrEqualTo(TRANSLATION_RELATIVE);
    }

    @ParameterizedTest(name = "eps = {0} of the squared diameter")
    @ValueSource(doubles = {1e-3, 1e-4})
    void epsilonFarBelowTheDiameterGivesFiniteAnswersOrSaysItDidNotConverge(double share) {
        Random rng = new Random(7);
        Measure mu = Measure.uniform(Clouds.gaussian(rng, 300, 2, 1.0, null));
        Measure nu = Measure.uniform(Clouds.gaussian(rng, 300, 2, 1.0, new double[] {0.5, 0}));
        double diameterSquared = 2 * CostMatrix.max(CostMatrix.halfSquaredDistances(mu, nu));

        Divergence s = divergence.compute(mu, nu, share * diameterSquared);

        assertFinite(s);
        if (!s.converged()) {
            assertThat(s.marginalError()).isGreaterThanOrEqualTo(1e-9);
        }
    }

    private static double[][] shift(double[][] x, double[] t) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int k = 0; k < t.length; k++) {
                out[i][k] += t[k];
            }
        }
        return out;
    }

    private static void assertFinite(Divergence s) {
        assertThat(s.value()).as("S_eps").isFinite();
        assertThat(s.otSourceTarget()).as("OT(mu, nu)").isFinite();
        assertThat(s.otSourceSource()).as("OT(mu, mu)").isFinite();
        assertThat(s.otTargetTarget()).as("OT(nu, nu)").isFinite();
        assertThat(s.marginalError()).as("marginal error").isNotNaN();
        for (double f : s.sourceTarget().f()) {
            assertThat(f).as("f").isFinite();
        }
        for (double g : s.sourceTarget().g()) {
            assertThat(g).as("g").isFinite();
        }
    }
}
