package io.shkmemory.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExperimentConfigTests {

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String help = ExperimentConfig.help();

        for (ExperimentConfig.Option o : ExperimentConfig.OPTIONS) {
            assertThat(help).contains("--" + o.name(), o.standard());
        }
    }

    @Test
    void explicitFlagsOverrideTheQuickDefaults() {
        ExperimentConfig c = ExperimentConfig.parse(new String[] {"--quick", "--patterns", "12"});

        assertThat(c.quick()).isTrue();
        assertThat(c.patterns()).isEqualTo(12);
        assertThat(c.points()).isEqualTo(8);
    }

    @Test
    void autoHopfieldBetaIsBetaPerPoint() {
        ExperimentConfig c = ExperimentConfig.parse(new String[] {"--beta", "80", "--points", "16"});

        assertThat(c.effectiveHopfieldBeta()).isEqualTo(5.0);
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> ExperimentConfig.parse(new String[] {"--sigma", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sigma");
        assertThatThrownBy(() -> ExperimentConfig.parse(new String[] {"--patterns"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    }

    @Test
    void rejectsCorruptionsThatLeaveNoPoint() {
        assertThatThrownBy(() -> ExperimentConfig.parse(new String[] {"--points", "4",
            "--outlier-fraction", "0.5", "--drop-fraction", "0.5"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one point");
    }
}
