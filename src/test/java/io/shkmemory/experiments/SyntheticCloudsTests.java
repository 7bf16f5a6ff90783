package io.shkmemory.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.shkmemory.engine.Measure;

class SyntheticCloudsTests {

    /** Sampling tolerance on a mean over many draws. */
    static final double SAMPLE_MEAN = 0.01;

    private final SyntheticClouds clouds = new SyntheticClouds(
            new SyntheticClouds.DataSettings(6, 1.0, 2.0, 10, 100));

    @Test
    void noiselessQueryIsThePatternPermutedWithTheStoredOrderRestored() {
        SplittableRandom rng = new SplittableRandom(1);
        List<Measure> memory = clouds.memory(rng, 3, 2);

        SyntheticClouds.Query q = clouds.query(rng, memory, 2,
                new SyntheticClouds.Corruption(0, 0, 0));

        assertThat(q.storedOrder()).containsExactly(memory.get(2).coordinates());
        assertThat(sortedRows(q.received().points())).isDeepEqualTo(
                sortedRows(memory.get(2).points()));
        assertThat(q.receivedOrder()).containsExactly(q.received().coordinates());
    }

    @Test
    void droppedPointsShrinkTheQueryAndAreFilledForTheBaseline() {
        SplittableRandom rng = new SplittableRandom(2);
        List<Measure> memory = clouds.memory(rng, 2, 3);

        SyntheticClouds.Query q = clouds.query(rng, memory, 0,
                new SyntheticClouds.Corruption(0.1, 1, 2));

        assertThat(q.received().size()).isEqualTo(4);
        assertThat(q.storedOrder()).hasSize(6 * 3);
        assertThat(q.receivedOrder()).hasSize(6 * 3);
    }

    @Test
    void nestedMemoriesFromOneSeedShareTheirFirstPatterns() {
        List<Measure> small = clouds.memory(new SplittableRandom(9), 2, 2);
        List<Measure> large = clouds.memory(new SplittableRandom(9), 5, 2);

        assertThat(large.subList(0, 2)).isEqualTo(small);
    }

    @Test
    void dirichletDrawsLieOnTheSimplexWithTheRequestedMean() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] alpha = {0.5, 2, 7.5};
        double[] mean = new double[3];
        int draws = 20_000;
        for (int t = 0; t < draws; t++) {
            double[] x = Dirichlet.sample(rng, alpha);
            assertThat(Arrays.stream(x).sum()).isCloseTo(1, within(1e-12));
            for (int i = 0; i < 3; i++) {
                mean[i] += x[i] / draws;
            }
        }
        assertThat(mean).containsExactly(new double[] {0.05, 0.2, 0.75}, within(SAMPLE_MEAN));
    }

    private static double[][] sortedRows(double[][] rows) {
        double[][] copy = rows.clone();
        Arrays.sort(copy, Comparator.<double[]>comparingDouble(r -> r[0])
                .thenComparingDouble(r -> r[1]));
        return copy;
    }
}
