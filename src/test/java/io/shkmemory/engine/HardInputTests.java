package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs at the edges of the solver's range: finite answers or an honest converged = false. */
class HardInputTests {

    private final SinkhornSolver solver = new SinkhornSolver(SinkhornOptions.DEFAULT);
    private final SinkhornDivergence divergence = new SinkhornDivergence(solver);

    private void assertHonest(Divergence s) {
        assertThat(s.value()).as("S_eps").isFinite();
        assertThat(s.marginalError()).as("marginal error").isNotNaN();
        assertThat(java.util.Arrays.stream(s.sourceTarget().f()).allMatch(Double::isFinite))
                .as("f finite").isTrue();
        assertThat(java.util.Arrays.stream(s.sourceTarget().g()).allMatch(Double::isFinite))
                .as("g finite").isTrue();
        if (s.converged()) {
            assertThat(s.marginalError()).isLessThan(solver.options().tolerance());
        }
    }

    @Test
    void onePointMeasuresGiveHalfTheSquaredDistance() {
        Measure mu = Measure.uniform(new double[][] {{1, 2, 3}});
        Measure nu = Measure.uniform(new double[][] {{2, 0, 3}});

        Divergence s = divergence.compute(mu, nu, 0.05);

        assertHonest(s);
        assertThat(s.converged()).isTrue();
        assertThat(s.value()).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void coincidentPointsGiveFiniteAnswers() {
        Random rng = new Random(1);
        double[][] same = new double[20][];
        for (int i = 0; i < same.length; i++) {
            same[i] = new double[] {0.5, -0.5};
        }
        Measure mu = Measure.of(same, Clouds.weights(rng, 20));
        Measure nu = Measure.uniform(Clouds.gaussian(rng, 15, 2, 1, null));

        Divergence s = divergence.compute(mu, nu, 0.01);

        assertHonest(s);
        assertThat(s.converged()).isTrue();
        assertThat(divergence.compute(mu, Measure.uniform(new double[][] {{0.5, -0.5}}), 0.01)
                .value()).isCloseTo(0.0, within(1e-10));
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {1, 2, 47, 48, 256})
    void dimensionsFromOneTo256AgreeWithTheTranslationIdentity(int d) {
        Random rng = new Random(d);
        Measure mu = Measure.uniform(Clouds.gaussian(rng, 30, d, 1, null));
        Measure nu = Measure.uniform(Clouds.gaussian(rng, 25, d, 1, Clouds.vector(rng, d, 0.3)));
        double eps = 0.05 * d;

        Divergence s = divergence.compute(mu, nu, eps);
        double[] shift = Clouds.vector(rng, d, 5);
        Divergence moved = divergence.compute(SinkhornDivergencePropertyTests.translate(mu, shift),
                SinkhornDivergencePropertyTests.translate(nu, shift), eps);

        assertHonest(s);
        assertThat(s.converged()).isTrue();
        assertThat(moved.value()).isCloseTo(s.value(), within(1e-8 * Math.max(1, s.value())));
    }

    @Test
    void coordinatesAroundAMillionGiveTheDivergenceOfTheCentredClouds() {
        Random rng = new Random(3);
        Measure mu = Measure.uniform(Clouds.gaussian(rng, 40, 3, 1, null));
        Measure nu = Measure.uniform(Clouds.gaussian(rng, 40, 3, 1, new double[] {0.5, 0, 0}));
        double[] far = {1e6, -2e6, 3e6};

        Divergence near = divergence.compute(mu, nu, 0.05);
        Divergence s = divergence.compute(SinkhornDivergencePropertyTests.translate(mu, far),
                SinkhornDivergencePropertyTests.translate(nu, far), 0.05);

        assertHonest(s);
        assertThat(s.value()).isCloseTo(near.value(), within(1e-6 * near.value()));
    }

    @ParameterizedTest(name = "eps = {0} x squared diameter")
    @ValueSource(doubles = {1e-2, 1e-3, 1e-4})
    void epsilonDownToATenThousandthOfTheSquaredDiameterStaysHonest(double ratio) {
        Random rng = new Random(5);
        Measure mu = Measure.uniform(Clouds.gaussian(rng, 60, 3, 1, null));
        Measure nu = Measure.uniform(Clouds.gaussian(rng, 60, 3, 1, new double[] {0.5, 0.5, 0.5}));
        double diameterSquared = mu.boxDiagonalSquared(nu);

        Divergence s = divergence.compute(mu, nu, ratio * diameterSquared);

        assertHonest(s);
        assertThat(s.value()).isGreaterThan(0);
    }

    @Test
    void coordinatesWhoseSquaredDistancesOverflowAreRejectedNotLoopedOn() {
        Measure mu = Measure.uniform(new double[][] {{-1e200}, {0}});
        Measure nu = Measure.uniform(new double[][] {{1e200}});

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> divergence.compute(mu, nu, 0.05))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
    }
}
