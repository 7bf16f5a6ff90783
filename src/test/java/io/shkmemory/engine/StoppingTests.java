package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/**
 * A solver {@link SinkhornSolver#stoppingWhen stopping when} a condition holds gives up
 * within one iteration of it, and changes nothing while it does not hold; search and
 * divergence stop mid-solve through it (retrieval: {@code ShkRetrievalTests}).
 */
class StoppingTests {

    private static final SinkhornSolver SOLVER = new SinkhornSolver(SinkhornOptions.DEFAULT);

    /** Holds from its {@code (after + 1)}-th poll on, and counts every poll. */
    private static final class StopAfter implements BooleanSupplier {
        private final long after;
        final AtomicLong polls = new AtomicLong();

        StopAfter(long after) {
            this.after = after;
        }

        @Override
        public boolean getAsBoolean() {
            return polls.incrementAndGet() > after;
        }
    }

    private static Measure cloud(Random rng, int n, double shift) {
        return Measure.of(Clouds.gaussian(rng, n, 2, 1.0, new double[] {shift, 0}),
                Clouds.weights(rng, n));
    }

    @Test
    void aConditionThatNeverHoldsChangesNoBitAndIsPolledOncePerIteration() {
        Random rng = new Random(5);
        Measure mu = cloud(rng, 60, 0);
        Measure nu = cloud(rng, 45, 0.5);
        StopAfter never = new StopAfter(Long.MAX_VALUE);
        StopAfter neverSelf = new StopAfter(Long.MAX_VALUE);

        TransportResult plain = SOLVER.solve(mu, nu, 0.01);
        TransportResult watched = SOLVER.stoppingWhen(never).solve(mu, nu, 0.01);
        SelfTransportResult plainSelf = SOLVER.solveSelf(mu, 0.01);
        SelfTransportResult watchedSelf = SOLVER.stoppingWhen(neverSelf).solveSelf(mu, 0.01);

        assertThat(watched.f()).containsExactly(plain.f());
        assertThat(watched.g()).containsExactly(plain.g());
        assertThat(watched.value()).isEqualTo(plain.value());
        assertThat(never.polls.get()).isEqualTo(plain.iterations());
        assertThat(watchedSelf.p()).containsExactly(plainSelf.p());
        assertThat(neverSelf.polls.get()).isEqualTo(plainSelf.iterations());
    }

    @Test
    void aSolveGivesUpAtTheFirstIterationAfterTheConditionHolds() {
        Random rng = new Random(7);
        Measure mu = cloud(rng, 80, 0);
        Measure nu = cloud(rng, 70, 1);
        assertThat(SOLVER.solve(mu, nu, 0.005).iterations()).isGreaterThan(20);

        for (long after : new long[] {0, 3, 17}) {
            StopAfter stop = new StopAfter(after);
            assertThatThrownBy(() -> SOLVER.stoppingWhen(stop).solve(mu, nu, 0.005))
                    .isInstanceOf(CancellationException.class);
            assertThat(stop.polls.get()).as("polls, stopping after %d", after)
                    .isEqualTo(after + 1);

            StopAfter selfStop = new StopAfter(after);
            assertThatThrownBy(() -> SOLVER.stoppingWhen(selfStop).solveSelf(mu, 0.005))
                    .isInstanceOf(CancellationException.class);
            assertThat(selfStop.polls.get()).isEqualTo(after + 1);
        }
    }

    @Test
    void aDivergenceAndASearchGiveUpWhenTheConditionHolds() {
        Random rng = new Random(11);
        Measure mu = cloud(rng, 50, 0);
        Measure nu = cloud(rng, 50, 1);
        List<Pattern> patterns = Clouds.memory(rng, 20, 10, 2, 2.0).stream()
                .map(Pattern::new).toList();

        assertThatThrownBy(() -> new SinkhornDivergence(SOLVER.stoppingWhen(new StopAfter(40)))
                .compute(mu, nu, 0.01))
                .isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> new ShkRetrieval(SOLVER)
                .search(mu, patterns, 0.05, 3, new StopAfter(40)))
                .isInstanceOf(CancellationException.class);
    }
}
