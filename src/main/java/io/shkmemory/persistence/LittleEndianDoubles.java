package io.shkmemory.persistence;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes float64 arrays as little-endian bytes, eight per value, bit for bit. */
public final class LittleEndianDoubles {

    private LittleEndianDoubles() {
    }

    public static byte[] encode(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        return bytes.array();
    }

    /**
     * @throws IllegalStateException when the byte count is not {@code 8 * expectedLength}
     */
    public static double[] decode(byte[] bytes, int expectedLength) {
        if (bytes.length != expectedLength * Double.BYTES) {
            throw new IllegalStateException("stored array has " + bytes.length
                    + " bytes, expected " + expectedLength * Double.BYTES);
        }
        double[] values = new double[expectedLength];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        return values;
    }
}
