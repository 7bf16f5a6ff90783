package io.shkmemory.engine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The cost matrix {@code C_ij = |x_i - y_j|^2 / 2} of two measures, row-major {@code n x m}.
 *
 * <p>Small dimensions use a direct loop, which is exact up to rounding. From
 * {@link #GEMM_MIN_DIMENSION} on, the matrix product form {@code |x|^2/2 + |y|^2/2 - X Y^T}
 * is faster; both clouds are first translated by a common centre so that the cancellation
 * in that form stays at the scale of the clouds rather than of their position, and
 * negative round-off is clamped to zero.
 */
final class CostMatrix {

    /** Dimension from which the EJML product beats the direct loop (measured in CostMatrixBenchmark). */
    static final int GEMM_MIN_DIMENSION = 48;

    private CostMatrix() {
    }

    static double[] halfSquaredDistances(Measure mu, Measure nu) {
        return halfSquaredDistances(mu.x(), nu.x(), mu.dimension());
    }

    static double[] halfSquaredDistances(double[] x, double[] y, int d) {
        return d >= GEMM_MIN_DIMENSION ? byProduct(x, y, d) : direct(x, y, d);
    }

    static double[] direct(double[] x, double[] y, int d) {
        int n = x.length / d;
        int m = y.length / d;
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            int row = i * m;
            int xi = i * d;
            for (int j = 0; j < m; j++) {
                int yj = j * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = x[xi + k] - y[yj + k];
                    s += t * t;
                }
                c[row + j] = 0.5 * s;
            }
        }
        return c;
    }

    static double[] byProduct(double[] x, double[] y, int d) {
        int n = x.length / d;
        int m = y.length / d;
        double[] centre = new double[d];
        for (int i = 0; i < x.length; i++) {
            centre[i % d] += x[i] / n;
        }
        DMatrixRMaj xs = centred(x, n, d, centre);
        DMatrixRMaj ys = centred(y, m, d, centre);
        DMatrixRMaj product = new DMatrixRMaj(n, m);
        CommonOps_DDRM.multTransB(xs, ys, product);
        double[] xNorm = halfSquaredNorms(xs, n, d);
        double[] yNorm = halfSquaredNorms(ys, m, d);
        double[] c = product.data;
        for (int i = 0; i < n; i++) {
            int row = i * m;
            for (int j = 0; j < m; j++) {
                c[row + j] = Math.max(0.0, xNorm[i] + yNorm[j] - c[row + j]);
            }
        }
        return c;
    }

    private static DMatrixRMaj centred(double[] x, int n, int d, double[] centre) {
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.length; i++) {
            out.data[i] = x[i] - centre[i % d];
        }
        return out;
    }

    private static double[] halfSquaredNorms(DMatrixRMaj rows, int n, int d) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double t = rows.data[i * d + k];
                s += t * t;
            }
            norms[i] = 0.5 * s;
        }
        return norms;
    }

    static double max(double[] c) {
        double max = 0;
        for (double v : c) {
            max = Math.max(max, v);
        }
        return max;
    }
}
