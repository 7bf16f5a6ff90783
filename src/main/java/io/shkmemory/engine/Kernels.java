package io.shkmemory.engine;

/**
 * The dense inner loops of the kernel-domain sweeps, unrolled four ways so that the JIT keeps
 * four independent accumulators (a sum in one accumulator cannot be vectorised without
 * reassociating it).
 */
final class Kernels {

    private Kernels() {
    }

    /** {@code sum_j k[offset + j] * w[j]} for {@code j < length}. */
    static double dot(double[] k, int offset, double[] w, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            s0 += k[offset + j] * w[j];
            s1 += k[offset + j + 1] * w[j + 1];
            s2 += k[offset + j + 2] * w[j + 2];
            s3 += k[offset + j + 3] * w[j + 3];
        }
        for (; j < length; j++) {
            s0 += k[offset + j] * w[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code sum_j k[offset + j] * w[wOffset + j]} for {@code j < length}. */
    static double dot(double[] k, int offset, double[] w, int wOffset, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            s0 += k[offset + j] * w[wOffset + j];
            s1 += k[offset + j + 1] * w[wOffset + j + 1];
            s2 += k[offset + j + 2] * w[wOffset + j + 2];
            s3 += k[offset + j + 3] * w[wOffset + j + 3];
        }
        for (; j < length; j++) {
            s0 += k[offset + j] * w[wOffset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code acc[j] += alpha * k[offset + j]} for {@code j < length}. */
    static void axpy(double alpha, double[] k, int offset, double[] acc, int length) {
        for (int j = 0; j < length; j++) {
            acc[j] += alpha * k[offset + j];
        }
    }

    /** {@code acc[accOffset + j] += alpha * k[offset + j]} for {@code j < length}. */
    static void axpy(double alpha, double[] k, int offset, double[] acc, int accOffset,
                     int length) {
        for (int j = 0; j < length; j++) {
            acc[accOffset + j] += alpha * k[offset + j];
        }
    }
}
