package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeasureTests {

    @Test
    void weightsAreNormalisedToSumOne() {
        Measure mu = Measure.of(new double[][] {{0}, {1}, {2}}, new double[] {1, 2, 1});

        assertThat(mu.weights()).containsExactly(0.25, 0.5, 0.25);
    }

    @Test
    void missingWeightsMeanUniform() {
        Measure mu = Measure.uniform(new double[][] {{0, 0}, {1, 1}});

        assertThat(mu.weights()).containsExactly(0.5, 0.5);
        assertThat(mu.dimension()).isEqualTo(2);
    }

    @Test
    void measureKeepsCopiesOfItsInput() {
        double[][] points = {{1, 2}};
        Measure mu = Measure.uniform(points);
        points[0][0] = 99;

        assertThat(mu.coordinate(0, 0)).isEqualTo(1.0);
    }

    @Test
    void emptyPointsAreRejected() {
        assertThatThrownBy(() -> Measure.uniform(new double[0][]))
                .isInstanceOf(InvalidMeasureException.class)
                .hasMessageContaining("at least one point");
    }

    @Test
    void raggedPointsAreRejectedNamingTheRow() {
        assertThatThrownBy(() -> Measure.uniform(new double[][] {{0, 0}, {1}}))
                .isInstanceOfSatisfying(InvalidMeasureException.class,
                        e -> assertThat(e.field()).isEqualTo("points[1]"))
                .hasMessageContaining("had 1");
    }

    @Test
    void nonFiniteCoordinatesAreRejectedNamingIndexAndValue() {
        assertThatThrownBy(() -> Measure.uniform(new double[][] {{0, 0}, {1, Double.NaN}}))
                .isInstanceOfSatisfying(InvalidMeasureException.class,
                        e -> assertThat(e.field()).isEqualTo("points[1][1]"))
                .hasMessageContaining("NaN");
    }

    @Test
    void negativeWeightsAreRejectedNamingIndexAndValue() {
        assertThatThrownBy(() -> Measure.of(new double[][] {{0}, {1}}, new double[] {1, -0.5}))
                .isInstanceOfSatisfying(InvalidMeasureException.class,
                        e -> assertThat(e.field()).isEqualTo("weights[1]"))
                .hasMessageContaining("-0.5");
    }

    @Test
    void infiniteWeightsAreRejected() {
        assertThatThrownBy(() -> Measure.of(new double[][] {{0}},
                new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(InvalidMeasureException.class)
                .hasMessageContaining("finite");
    }

    @Test
    void weightsSummingToZeroAreRejected() {
        assertThatThrownBy(() -> Measure.of(new double[][] {{0}, {1}}, new double[] {0, 0}))
                .isInstanceOfSatisfying(InvalidMeasureException.class,
                        e -> assertThat(e.field()).isEqualTo("weights"))
                .hasMessageContaining("positive");
    }

    @Test
    void weightCountMustMatchPointCount() {
        assertThatThrownBy(() -> Measure.of(new double[][] {{0}, {1}}, new double[] {1}))
                .isInstanceOf(InvalidMeasureException.class)
                .hasMessageContaining("one weight per point");
    }

    @Test
    void zeroWeightPointsTakePartThroughTheSoftCTransform() {
        SinkhornSolver solver = new SinkhornSolver(SinkhornOptions.DEFAULT.withTolerance(1e-12));
        Measure withZero = Measure.of(new double[][] {{0}, {1}, {5}}, new double[] {1, 1, 0});
        Measure without = Measure.of(new double[][] {{0}, {1}}, new double[] {1, 1});
        Measure target = Measure.uniform(new double[][] {{0.5}, {2}});

        TransportResult a = solver.solve(withZero, target, 0.1);
        TransportResult b = solver.solve(without, target, 0.1);

        assertThat(a.value()).isEqualTo(b.value());
        assertThat(a.f()[2]).isEqualTo(Transport.softmin(withZero, 2, target, b.g(), 0.1));
    }
}
