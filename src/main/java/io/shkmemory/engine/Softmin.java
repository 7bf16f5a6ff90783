package io.shkmemory.engine;

/**
 * Log-domain soft-min (soft c-transform) over a row-major cost matrix {@code C} of
 * {@code n x m}, evaluated as a max-shifted log-sum-exp so that small epsilon cannot
 * underflow:
 *
 * <pre>
 *   rows:    out_i = -eps log sum_j exp(logW_j + (h_j - C_ij) / eps)
 *   columns: out_j = -eps log sum_i exp(logW_i + (h_i - C_ij) / eps)
 * </pre>
 *
 * Both read {@code C} row by row, so no transposed copy is needed. Terms whose log-weight
 * is {@code -infinity} (zero mass) contribute nothing.
 */
final class Softmin {

    private Softmin() {
    }

    /** Row soft-min; {@code t} is scratch of length {@code m}. */
    static void rows(double[] c, int n, int m, double eps, double[] logW, double[] h,
                     double[] out, double[] t) {
        double invEps = 1.0 / eps;
        for (int j = 0; j < m; j++) {
            t[j] = logW[j] + h[j] * invEps;
        }
        for (int i = 0; i < n; i++) {
            out[i] = -eps * rowLogSumExp(c, i * m, m, invEps, t);
        }
    }

    /** {@code log sum_j exp(t_j - C[row + j] / eps)}. */
    static double rowLogSumExp(double[] c, int row, int m, double invEps, double[] t) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            max = Math.max(max, t[j] - c[row + j] * invEps);
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += Math.exp(t[j] - c[row + j] * invEps - max);
        }
        return max + Math.log(sum);
    }

    /**
     * Column soft-min; {@code t} is scratch of length {@code n}, {@code colMax} and
     * {@code colSum} of length {@code m}.
     */
    static void columns(double[] c, int n, int m, double eps, double[] logW, double[] h,
                        double[] out, double[] t, double[] colMax, double[] colSum) {
        double invEps = 1.0 / eps;
        for (int i = 0; i < n; i++) {
            t[i] = logW[i] + h[i] * invEps;
        }
        java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(colSum, 0.0);
        for (int i = 0; i < n; i++) {
            if (t[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            int row = i * m;
            double ti = t[i];
            for (int j = 0; j < m; j++) {
                colMax[j] = Math.max(colMax[j], ti - c[row + j] * invEps);
            }
        }
        for (int i = 0; i < n; i++) {
            if (t[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            int row = i * m;
            double ti = t[i];
            for (int j = 0; j < m; j++) {
                colSum[j] += Math.exp(ti - c[row + j] * invEps - colMax[j]);
            }
        }
        for (int j = 0; j < m; j++) {
            out[j] = -eps * (colMax[j] + Math.log(colSum[j]));
        }
    }
}
