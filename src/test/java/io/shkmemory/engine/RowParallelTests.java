package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Solves whose rows run on a pool give the results of single-thread solves. */
class RowParallelTests {

    /** Relative agreement with a solver without a pool (summation order differs). */
    static final double SAME_AS_SINGLE_THREAD = 1e-12;
    /** Agreement of potentials with those of a solver without a pool, relative to |OT| + eps. */
    static final double SAME_POTENTIALS = 1e-11;

    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest(name = "eps={0}")
    @ValueSource(doubles = {0.003, 0.05, 1.0})
    void rowParallelSolvesDoNotDependOnTheNumberOfThreads(double eps) {
        Random rng = new Random(17);
        Measure mu = Measure.of(Clouds.gaussian(rng, 420, 3, 1.0, null), Clouds.weights(rng, 420));
        Measure nu = Measure.of(Clouds.gaussian(rng, 380, 3, 1.0, Clouds.vector(rng, 3, 0.5)),
                Clouds.weights(rng, 380));
        SinkhornOptions options = SinkhornOptions.DEFAULT.withTolerance(1e-11)
                .withMaxIterations(50_000);
        SinkhornSolver single = new SinkhornSolver(options);
        SinkhornSolver one = new SinkhornSolver(options, pool, 1);
        SinkhornSolver three = new SinkhornSolver(options, pool, 3);

        TransportResult reference = single.solve(mu, nu, eps);
        TransportResult byOne = one.solve(mu, nu, eps);
        TransportResult byThree = three.solve(mu, nu, eps);
        SelfTransportResult selfReference = single.solveSelf(mu, eps);
        SelfTransportResult selfByThree = three.solveSelf(mu, eps);
        SelfTransportResult selfByOne = one.solveSelf(mu, eps);

        assertThat(byThree.f()).containsExactly(byOne.f());
        assertThat(byThree.g()).containsExactly(byOne.g());
        assertThat(selfByThree.p()).containsExactly(selfByOne.p());
        assertThat(byThree.converged()).isTrue();
        assertClose(byThree.value(), reference.value());
        assertClose(selfByThree.value(), selfReference.value());
        double scale = Math.abs(reference.value()) + eps;
        for (int i = 0; i < mu.size(); i++) {
            assertThat(Math.abs(byThree.f()[i] - reference.f()[i]))
                    .isLessThanOrEqualTo(SAME_POTENTIALS * scale);
        }
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected) / Math.abs(expected))
                .as("%s against %s", actual, expected)
                .isLessThanOrEqualTo(SAME_AS_SINGLE_THREAD);
    }
}
