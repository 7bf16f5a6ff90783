package io.shkmemory.engine;

/**
 * In-place Cholesky factorisation {@code A = L L^T} of a symmetric positive definite row-major
 * {@code m x m} matrix and the matching solve, for the dense Newton systems of the two-sided
 * solver. Written out rather than taken from EJML so that repeated factorisations of one size
 * allocate nothing.
 */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Overwrites the lower triangle of {@code a} with {@code L}; false, leaving it partly
     * overwritten, when {@code a} is not numerically positive definite.
     */
    static boolean factor(double[] a, int m) {
        for (int j = 0; j < m; j++) {
            int rowJ = j * m;
            double d = a[rowJ + j] - Kernels.dot(a, rowJ, a, rowJ, j);
            if (!(d > 0) || !Double.isFinite(d)) {
                return false;
            }
            double diagonal = Math.sqrt(d);
            a[rowJ + j] = diagonal;
            double inverse = 1.0 / diagonal;
            for (int i = j + 1; i < m; i++) {
                int rowI = i * m;
                a[rowI + j] = (a[rowI + j] - Kernels.dot(a, rowI, a, rowJ, j)) * inverse;
            }
        }
        return true;
    }

    /** Solves {@code L L^T x = b} with the factor left by {@link #factor}; {@code x} may be {@code b}. */
    static void solve(double[] l, int m, double[] b, double[] x) {
        for (int i = 0; i < m; i++) {
            int row = i * m;
            x[i] = (b[i] - Kernels.dot(l, row, x, 0, i)) / l[row + i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[k * m + i] * x[k];
            }
            x[i] = s / l[i * m + i];
        }
    }
}
