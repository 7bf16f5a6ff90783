package io.shkmemory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Energies and responsibilities against the independent float64 reference. */
class EnergyReferenceTests {

    /** Absolute tolerance on energies, responsibilities and divergences (1e-9). */
    static final double ENERGY_ABSOLUTE = 1e-9;

    private final SinkhornSolver solver = new SinkhornSolver(
            SinkhornOptions.DEFAULT.withTolerance(1e-13).withMaxIterations(200_000));

    static List<ReferenceFixtures.EnergyCase> energyCases() {
        return ReferenceFixtures.energyCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("energyCases")
    void energyAndResponsibilitiesMatchReference(ReferenceFixtures.EnergyCase c) {
        List<Pattern> patterns = c.patterns().stream().map(Pattern::new).toList();

        Energy e = new ShkRetrieval(solver).energy(c.query(), patterns, c.epsilon(), c.beta());

        assertThat(e.value()).as("energy").isCloseTo(c.energy(), within(ENERGY_ABSOLUTE));
        for (int k = 0; k < patterns.size(); k++) {
            assertThat(e.responsibilities()[k]).as("w_%d", k)
                    .isCloseTo(c.responsibilities()[k], within(ENERGY_ABSOLUTE));
            assertThat(e.divergences()[k]).as("S_%d", k)
                    .isCloseTo(c.divergences()[k], within(ENERGY_ABSOLUTE));
        }
    }
}
