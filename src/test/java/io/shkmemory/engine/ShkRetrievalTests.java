package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** SHK retrieval: recall, the descent property, stopping, and exactness of the pruning. */
class ShkRetrievalTests {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    private final SinkhornSolver solver = new SinkhornSolver(SinkhornOptions.DEFAULT);
    private final ShkRetrieval sequential = new ShkRetrieval(solver);
    private final ShkRetrieval parallel = new ShkRetrieval(solver, POOL, 2);

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    private static List<Pattern> memory(Random rng, int count, int n, int d) {
        return Clouds.memory(rng, count, n, d, 2.0).stream().map(Pattern::new).toList();
    }

    @Test
    void retrievalRecallsThePatternANoisyPermutedQueryCameFrom() {
        Random rng = new Random(7);
        List<Pattern> patterns = memory(rng, 40, 16, 3);
        for (int trial = 0; trial < 6; trial++) {
            int truth = rng.nextInt(patterns.size());
            Measure query = Clouds.noisyPermuted(rng, patterns.get(truth).measure(), 0.2);

            RetrievalResult r = parallel.retrieve(query, patterns, RetrievalOptions.defaults(),
                    () -> false);

            assertThat(r.best()).as("trial %d", trial).isEqualTo(truth);
            assertThat(r.converged()).as("trial %d converged (%s)", trial, r.stopReason())
                    .isTrue();
            assertThat(r.finalEnergy()).isLessThan(r.initialEnergy());
        }
    }

    @Test
    void energyNeverRisesFromOneAcceptedStepToTheNext() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int d = 1 + rng.nextInt(4);
            List<Pattern> patterns = memory(rng, 2 + rng.nextInt(6), 4 + rng.nextInt(12), d);
            Measure source = patterns.get(rng.nextInt(patterns.size())).measure();
            Measure query = Measure.of(Clouds.noisyPermuted(rng, source, 0.5).points(),
                    Clouds.weights(rng, source.size()));
            RetrievalOptions options = RetrievalOptions.defaults().withIncludeTrace(true)
                    .withEpsilon(new double[] {0.02, 0.05, 0.2}[rng.nextInt(3)])
                    .withBeta(new double[] {1, 10, 100}[rng.nextInt(3)])
                    .withWeightStep(new double[] {0, 0.05, 1}[rng.nextInt(3)])
                    .withMaxSteps(30);

            RetrievalResult r = sequential.retrieve(query, patterns, options, null);

            List<TraceEntry> trace = r.trace();
            assertThat(trace.get(0).energy()).isEqualTo(r.initialEnergy());
            assertThat(trace.get(trace.size() - 1).energy()).isEqualTo(r.finalEnergy());
            for (int s = 1; s < trace.size(); s++) {
                assertThat(trace.get(s).energy()).as("trial %d step %d", trial, s)
                        .isLessThanOrEqualTo(trace.get(s - 1).energy());
            }
        }
    }

    @Test
    void positionsOnlyRetrievalKeepsTheQueryWeights() {
        Random rng = new Random(3);
        List<Pattern> patterns = memory(rng, 5, 10, 2);
        Measure query = Measure.of(Clouds.noisyPermuted(rng, patterns.get(1).measure(), 0.3)
                .points(), Clouds.weights(rng, 10));

        RetrievalResult r = sequential.retrieve(query, patterns,
                RetrievalOptions.defaults().withWeightStep(0), null);

        assertThat(r.state().weights()).containsExactly(query.weights());
        assertThat(r.best()).isEqualTo(1);
    }

    @Test
    void queryEqualToAWellSeparatedStoredPatternStaysOnIt() {
        Random rng = new Random(5);
        // Centres 20 apart: the other patterns' responsibilities are below e^-1000, so the
        // stored pattern is a minimum of the energy (a nearby pattern would pull it).
        List<Pattern> patterns = Clouds.memory(rng, 8, 12, 3, 20.0).stream()
                .map(Pattern::new).toList();
        Measure stored = patterns.get(4).measure();

        RetrievalResult r = sequential.retrieve(stored, patterns, RetrievalOptions.defaults(),
                null);

        assertThat(r.best()).isEqualTo(4);
        assertThat(r.stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(r.matches().get(0).divergence()).isCloseTo(0.0, within(1e-9));
        double[] x = r.state().coordinates();
        double[] y = stored.coordinates();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isCloseTo(y[i], within(1e-6));
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Random rng = new Random(13);
        List<Pattern> patterns = memory(rng, 60, 12, 3);
        Measure query = Clouds.noisyPermuted(rng, patterns.get(17).measure(), 0.3);
        RetrievalOptions options = RetrievalOptions.defaults().withMaxSteps(10);

        RetrievalResult one = sequential.retrieve(query, patterns, options, null);
        RetrievalResult two = parallel.retrieve(query, patterns, options, null);

        assertThat(two.finalEnergy()).isCloseTo(one.finalEnergy(), within(1e-12));
        assertThat(two.steps()).isEqualTo(one.steps());
        double[] x1 = one.state().coordinates();
        double[] x2 = two.state().coordinates();
        for (int i = 0; i < x1.length; i++) {
            assertThat(x2[i]).isCloseTo(x1[i], within(1e-12));
        }
    }

    @Test
    void retrievalPastItsDeadlineAnswersTheBestStateSoFar() {
        Random rng = new Random(17);
        List<Pattern> patterns = memory(rng, 300, 24, 3);
        Measure query = Clouds.noisyPermuted(rng, patterns.get(0).measure(), 0.4);

        RetrievalResult r = sequential.retrieve(query, patterns,
                RetrievalOptions.defaults().withTimeoutMillis(1).withTolerance(1e-12), null);

        assertThat(r.stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(r.converged()).isFalse();
        assertThat(r.finalEnergy()).isLessThanOrEqualTo(r.initialEnergy());
    }

    @Test
    void cancellingARunStopsItInsideTheSolveInProgressWithTheBestStateSoFar() {
        Random rng = new Random(19);
        List<Pattern> patterns = memory(rng, 30, 12, 3);
        Measure query = Clouds.noisyPermuted(rng, patterns.get(2).measure(), 0.4);
        RetrievalOptions options = RetrievalOptions.defaults().withTolerance(1e-12);
        // the flag is polled once per Sinkhorn iteration: count what evaluating the query
        // takes (a run of no steps also tops up its matches, so this is an upper bound)
        AtomicInteger evaluationPolls = new AtomicInteger();
        sequential.retrieve(query, patterns, options.withMaxSteps(0), () -> {
            evaluationPolls.incrementAndGet();
            return false;
        });
        int cancelAt = evaluationPolls.get() + 80;
        AtomicInteger polls = new AtomicInteger();

        RetrievalResult r = sequential.retrieve(query, patterns, options,
                () -> polls.incrementAndGet() > cancelAt);

        assertThat(r.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(r.finalEnergy()).isLessThanOrEqualTo(r.initialEnergy());
        // the solve in progress sees the flag once and gives up; the descent and the
        // reporting that follow look at it a few more times but run no further iteration
        assertThat(polls.get() - cancelAt).as("polls after the flag was set")
                .isLessThanOrEqualTo(4);
        Energy atState = sequential.energy(r.state(), patterns, options.epsilon(),
                options.beta());
        assertThat(r.finalEnergy()).isCloseTo(atState.value(), within(1e-9));
    }

    @Test
    void cancellingBeforeTheQueryIsEvaluatedThrows() {
        Random rng = new Random(23);
        List<Pattern> patterns = memory(rng, 3, 5, 2);

        assertThatThrownBy(() -> sequential.retrieve(patterns.get(0).measure(), patterns,
                RetrievalOptions.defaults(), () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void searchFindsTheSameTopMatchesAsBruteForce() {
        Random rng = new Random(29);
        List<Pattern> patterns = memory(rng, 120, 10, 3);
        Measure query = Clouds.noisyPermuted(rng, patterns.get(50).measure(), 0.5);
        double[] all = sequential.divergences(query, patterns, 0.05);
        int[] expected = IntStream.range(0, all.length).boxed()
                .sorted(Comparator.comparingDouble(k -> all[k])).limit(7)
                .mapToInt(Integer::intValue).toArray();

        List<Match> top = parallel.search(query, patterns, 0.05, 7);

        assertThat(top.stream().mapToInt(Match::index).toArray()).containsExactly(expected);
        for (Match m : top) {
            assertThat(m.divergence()).isCloseTo(all[m.index()], within(1e-12));
        }
    }

    @Test
    void prunedEnergyEqualsTheEnergyOverAllPatterns() {
        Random rng = new Random(31);
        List<Pattern> patterns = memory(rng, 200, 10, 3);
        Measure query = Clouds.noisyPermuted(rng, patterns.get(9).measure(), 0.3);
        double beta = 100;
        double[] all = sequential.divergences(query, patterns, 0.05);
        double min = Arrays.stream(all).min().orElseThrow();
        double sum = Arrays.stream(all).map(s -> Math.exp(-beta * (s - min))).sum();

        Energy e = sequential.energy(query, patterns, 0.05, beta);

        assertThat(e.value()).isCloseTo(min - Math.log(sum) / beta, within(1e-12));
        long solved = Arrays.stream(e.divergences()).filter(s -> !Double.isNaN(s)).count();
        assertThat(solved).as("patterns solved exactly").isLessThan(patterns.size());
    }

    @Test
    void retrievalRejectsPatternsOfAnotherDimension() {
        Random rng = new Random(37);
        List<Pattern> patterns = memory(rng, 2, 4, 3);
        Measure query = Measure.uniform(Clouds.gaussian(rng, 4, 2, 1, null));

        assertThatThrownBy(() -> sequential.retrieve(query, patterns,
                RetrievalOptions.defaults(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension");
    }
}
