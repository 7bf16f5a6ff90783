package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class HopfieldBaselineTests {

    /** Tolerance on values computed by hand in closed form. */
    static final double CLOSED_FORM = 1e-12;
    /** Rounding slack of an energy comparison, relative to max(1, |E|). */
    static final double ENERGY_SLACK = 1e-12;

    private static Measure cloud(double[]... points) {
        return Measure.uniform(points);
    }

    @Test
    void responsibilitiesEnergyAndOneUpdateMatchTheClosedForm() {
        // X_0 = 0, X_1 = 2 on a line, v = 0.5, beta = 1: half squared distances 1/8 and 9/8.
        HopfieldBaseline memory = new HopfieldBaseline(List.of(cloud(new double[] {0}),
                cloud(new double[] {2})));
        double w1 = 1 / (1 + Math.E);

        double[] w = memory.responsibilities(new double[] {0.5}, 1.0);
        HopfieldBaseline.Result r = memory.retrieve(new double[] {0.5}, 1.0, 1, 1e-12);

        assertThat(w[0]).isCloseTo(1 - w1, within(CLOSED_FORM));
        assertThat(w[1]).isCloseTo(w1, within(CLOSED_FORM));
        assertThat(memory.energy(new double[] {0.5}, 1.0))
                .isCloseTo(0.125 - Math.log(1 + Math.exp(-1)), within(CLOSED_FORM));
        assertThat(r.state()[0]).as("v <- X w").isCloseTo(2 * w1, within(CLOSED_FORM));
        assertThat(r.steps()).isEqualTo(1);
    }

    @Test
    void queryEqualToAStoredPatternIsRecalledAndStaysPut() {
        Measure a = cloud(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1});
        Measure b = cloud(new double[] {5, 5}, new double[] {6, 5}, new double[] {5, 6});
        HopfieldBaseline memory = new HopfieldBaseline(List.of(a, b));

        HopfieldBaseline.Result r = memory.retrieve(HopfieldBaseline.flatten(b), 10.0, 100, 1e-9);

        assertThat(r.best()).isEqualTo(1);
        assertThat(r.converged()).isTrue();
        assertThat(r.steps()).isEqualTo(1);
        assertThat(r.state()).containsExactly(HopfieldBaseline.flatten(b), within(CLOSED_FORM));
        assertThat(r.responsibilities()[1]).isCloseTo(1, within(CLOSED_FORM));
    }

    @Test
    void noisyQueryConvergesToTheNearestPattern() {
        Random rng = new Random(7);
        List<Measure> patterns = randomClouds(rng, 6, 5, 2, 3.0);
        HopfieldBaseline memory = new HopfieldBaseline(patterns);
        double[] query = HopfieldBaseline.flatten(patterns.get(4));
        for (int idx = 0; idx < query.length; idx++) {
            query[idx] += 0.1 * rng.nextGaussian();
        }

        HopfieldBaseline.Result r = memory.retrieve(query, 2.0, 100, 1e-9);

        assertThat(r.best()).isEqualTo(4);
        assertThat(r.converged()).isTrue();
        assertThat(r.state()).containsExactly(HopfieldBaseline.flatten(patterns.get(4)),
                within(1e-6));
    }

    @Test
    void responsibilitiesSumToOneAndEnergyNeverRises() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            List<Measure> patterns = randomClouds(rng, 2 + rng.nextInt(8), 4, 3, 1.0);
            HopfieldBaseline memory = new HopfieldBaseline(patterns);
            double[] query = new double[4 * 3];
            for (int idx = 0; idx < query.length; idx++) {
                query[idx] = 2 * rng.nextGaussian();
            }
            double beta = Math.exp(rng.nextGaussian() * 2);

            HopfieldBaseline.Result r = memory.retrieve(query, beta, 200, 1e-10);

            assertThat(sum(r.responsibilities())).isCloseTo(1, within(CLOSED_FORM));
            List<Double> e = r.energies();
            for (int t = 1; t < e.size(); t++) {
                assertThat(e.get(t)).as("trial %d, step %d", trial, t)
                        .isLessThanOrEqualTo(e.get(t - 1)
                                + ENERGY_SLACK * Math.max(1, Math.abs(e.get(t - 1))));
            }
        }
    }

    @Test
    void translatingPatternsAndQueryTogetherChangesNoResponsibility() {
        Random rng = new Random(3);
        List<Measure> patterns = randomClouds(rng, 5, 4, 2, 1.5);
        double[] query = HopfieldBaseline.flatten(patterns.get(0));
        query[0] += 0.7;
        double[] shift = {12.5, -3.25};

        double[] w = new HopfieldBaseline(patterns).responsibilities(query, 1.0);
        double[] shifted = new HopfieldBaseline(patterns.stream().map(p -> translate(p, shift))
                .toList()).responsibilities(translate(query, shift), 1.0);

        assertThat(shifted).containsExactly(w, within(1e-12));
    }

    @Test
    void relabellingPatternsPermutesResponsibilities() {
        Random rng = new Random(5);
        List<Measure> patterns = randomClouds(rng, 4, 3, 2, 1.0);
        List<Measure> reversed = new ArrayList<>(patterns);
        java.util.Collections.reverse(reversed);
        double[] query = HopfieldBaseline.flatten(patterns.get(1));
        query[1] -= 0.4;

        double[] w = new HopfieldBaseline(patterns).responsibilities(query, 1.0);
        double[] wr = new HopfieldBaseline(reversed).responsibilities(query, 1.0);

        for (int k = 0; k < w.length; k++) {
            assertThat(wr[w.length - 1 - k]).isCloseTo(w[k], within(CLOSED_FORM));
        }
    }

    @Test
    void recallDependsOnTheOrderOfTheQueryPoints() {
        // the same cloud stored twice, in two point orders: only the order tells them apart
        Measure ab = cloud(new double[] {0, 0}, new double[] {4, 0});
        Measure ba = cloud(new double[] {4, 0}, new double[] {0, 0});
        HopfieldBaseline memory = new HopfieldBaseline(List.of(ab, ba));

        assertThat(memory.retrieve(new double[] {0, 0, 4, 0}, 1.0, 100, 1e-9).best()).isEqualTo(0);
        assertThat(memory.retrieve(new double[] {4, 0, 0, 0}, 1.0, 100, 1e-9).best()).isEqualTo(1);
    }

    @Test
    void midpointOfTwoPatternsIsAFixedPointWithEqualResponsibilities() {
        HopfieldBaseline memory = new HopfieldBaseline(List.of(cloud(new double[] {-1, 0}),
                cloud(new double[] {1, 0})));

        HopfieldBaseline.Result r = memory.retrieve(new double[] {0, 0}, 3.0, 10, 1e-12);

        assertThat(r.responsibilities()).containsExactly(new double[] {0.5, 0.5},
                within(CLOSED_FORM));
        assertThat(r.state()).containsExactly(new double[] {0, 0}, within(CLOSED_FORM));
        assertThat(r.converged()).isTrue();
    }

    @Test
    void largeBetaAndFarQueriesStayFinite() {
        HopfieldBaseline memory = new HopfieldBaseline(List.of(cloud(new double[] {0}),
                cloud(new double[] {1})));

        HopfieldBaseline.Result r = memory.retrieve(new double[] {1e3}, 1e6, 10, 1e-12);

        assertThat(r.best()).isEqualTo(1);
        assertThat(r.finalEnergy()).isFinite();
        assertThat(r.state()[0]).isCloseTo(1, within(CLOSED_FORM));
    }

    @Test
    void rejectsPatternsOfDifferentSizes() {
        List<Measure> patterns = List.of(cloud(new double[] {0}),
                cloud(new double[] {0}, new double[] {1}));

        assertThatThrownBy(() -> new HopfieldBaseline(patterns))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pattern 1 has 2 points");
    }

    @Test
    void rejectsQueriesOfTheWrongLengthAndNonPositiveBeta() {
        HopfieldBaseline memory = new HopfieldBaseline(List.of(cloud(new double[] {0, 0})));

        assertThatThrownBy(() -> memory.retrieve(new double[] {0}, 1.0, 10, 1e-6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("had 1");
        assertThatThrownBy(() -> memory.retrieve(new double[] {0, 0}, 0.0, 10, 1e-6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta must be > 0");
    }

    private static List<Measure> randomClouds(Random rng, int count, int n, int d,
                                              double centreSpread) {
        List<Measure> clouds = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double[] centre = new double[d];
            for (int c = 0; c < d; c++) {
                centre[c] = centreSpread * rng.nextGaussian();
            }
            double[][] points = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < d; c++) {
                    points[i][c] = centre[c] + rng.nextGaussian();
                }
            }
            clouds.add(Measure.uniform(points));
        }
        return clouds;
    }

    private static Measure translate(Measure m, double[] shift) {
        double[][] points = m.points();
        for (double[] p : points) {
            for (int c = 0; c < p.length; c++) {
                p[c] += shift[c];
            }
        }
        return Measure.uniform(points);
    }

    private static double[] translate(double[] v, double[] shift) {
        double[] t = v.clone();
        for (int idx = 0; idx < t.length; idx++) {
            t[idx] += shift[idx % shift.length];
        }
        return t;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
