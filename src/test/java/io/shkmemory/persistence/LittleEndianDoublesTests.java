package io.shkmemory.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LittleEndianDoublesTests {

    @Test
    void encodesOneAndMinusTwoAsTheirIeeeBytesLowByteFirst() {
        byte[] bytes = LittleEndianDoubles.encode(new double[] {1.0, -2.0});

        assertThat(bytes).containsExactly(
                0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F,
                0, 0, 0, 0, 0, 0, 0, (byte) 0xC0);
    }

    @Test
    void decodingAnEncodingGivesTheSameBits() {
        SplittableRandom random = new SplittableRandom(1);
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(values[i])) {
                values[i] = -0.0;
            }
        }

        double[] decoded = LittleEndianDoubles.decode(LittleEndianDoubles.encode(values),
                values.length);

        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(decoded[i]))
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
    }

    @Test
    void decodingBytesOfTheWrongLengthFails() {
        assertThatThrownBy(() -> LittleEndianDoubles.decode(new byte[12], 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("12 bytes, expected 16");
    }
}
