package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine against the independent float64 reference of {@code shared/reference}. */
class SinkhornReferenceTests {

    /** Relative tolerance on OT values and divergences (DESIGN fixtures: 1e-9). */
    static final double VALUE_RELATIVE = 1e-9;
    /** Absolute tolerance on maps, gradients and first variations (1e-7). */
    static final double FIELD_ABSOLUTE = 1e-7;
    /** Marginal error the engine converges to for these checks. */
    static final double SOLVER_TOLERANCE = 1e-13;

    private final SinkhornSolver solver =
            new SinkhornSolver(SinkhornOptions.DEFAULT.withTolerance(SOLVER_TOLERANCE)
                    .withMaxIterations(200_000));
    private final SinkhornDivergence divergence = new SinkhornDivergence(solver);

    static List<ReferenceFixtures.DivergenceCase> divergenceCases() {
        return ReferenceFixtures.divergenceCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergenceCases")
    void otValuesAndDivergenceMatchReference(ReferenceFixtures.DivergenceCase c) {
        Divergence s = divergence.compute(c.mu(), c.nu(), c.epsilon());

        assertThat(s.converged()).as("converged").isTrue();
        assertRelative("OT(mu, nu)", s.otSourceTarget(), c.ot());
        assertRelative("OT(mu, mu)", s.otSourceSource(), c.otXX());
        assertRelative("OT(nu, nu)", s.otTargetTarget(), c.otYY());
        assertRelative("S_eps", s.value(), c.divergence());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergenceCases")
    void mapsGradientsAndFirstVariationsMatchReference(ReferenceFixtures.DivergenceCase c) {
        Divergence s = divergence.compute(c.mu(), c.nu(), c.epsilon());

        double[] map = Transport.barycentricMap(c.mu(), c.nu(), s.sourceTarget().g(), c.epsilon());
        double[] grad = SinkhornDivergence.positionGradient(c.mu(), c.nu(), s);
        double[] phi = SinkhornDivergence.centredFirstVariation(c.mu(), s);
        int d = c.d();
        for (int i = 0; i < c.mu().size(); i++) {
            for (int k = 0; k < d; k++) {
                assertThat(map[i * d + k]).as("T(x_%d)[%d]", i, k)
                        .isCloseTo(c.barycentricMap()[i][k], within(FIELD_ABSOLUTE));
                assertThat(grad[i * d + k]).as("dS/dx_%d[%d]", i, k)
                        .isCloseTo(c.gradient()[i][k], within(FIELD_ABSOLUTE));
            }
            assertThat(phi[i]).as("first variation %d", i)
                    .isCloseTo(c.firstVariation()[i], within(FIELD_ABSOLUTE));
        }
    }

    static void assertRelative(String what, double actual, double expected) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertThat(Math.abs(actual - expected) / scale)
                .as("%s: %s against reference %s", what, actual, expected)
                .isLessThanOrEqualTo(VALUE_RELATIVE);
    }
}
