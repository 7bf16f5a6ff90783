package io.shkmemory.engine;

/**
 * Quantities derived from a solved plan: the soft c-transform of a potential at a point and
 * the barycentric map {@code T(x_i) = sum_j pi(j | i) y_j}, where
 * {@code pi(j | i) = b_j exp((g_j - C_ij) / eps) / sum_l b_l exp((g_l - C_il) / eps)} is row
 * {@code i} of the plan normalised to sum 1 (the source potential cancels out).
 */
public final class Transport {

    private Transport() {
    }

    /**
     * {@code -eps log sum_j b_j exp((h_j - |x_i - y_j|^2 / 2) / eps)} for point {@code i} of
     * {@code mu} against {@code nu = (b, y)} and a potential {@code h} on {@code nu}.
     */
    public static double softmin(Measure mu, int i, Measure nu, double[] h, double eps) {
        int d = mu.dimension();
        int m = nu.size();
        double[] x = mu.x();
        double[] y = nu.x();
        double[] logB = nu.logA();
        double max = Double.NEGATIVE_INFINITY;
        double[] arg = new double[m];
        for (int j = 0; j < m; j++) {
            arg[j] = logB[j] + (h[j] - halfSquaredDistance(x, i * d, y, j * d, d)) / eps;
            max = Math.max(max, arg[j]);
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += Math.exp(arg[j] - max);
        }
        return -eps * (max + Math.log(sum));
    }

    /**
     * The barycentric map of the plan between {@code mu} and {@code nu} with target potential
     * {@code g}, row-major {@code n x d}.
     */
    public static double[] barycentricMap(Measure mu, Measure nu, double[] g, double eps) {
        int n = mu.size();
        int m = nu.size();
        int d = mu.dimension();
        double[] x = mu.x();
        double[] y = nu.x();
        double[] logB = nu.logA();
        double[] out = new double[n * d];
        double[] arg = new double[m];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                arg[j] = logB[j] + (g[j] - halfSquaredDistance(x, i * d, y, j * d, d)) / eps;
                max = Math.max(max, arg[j]);
            }
            double sum = 0;
            int row = i * d;
            for (int j = 0; j < m; j++) {
                double w = Math.exp(arg[j] - max);
                sum += w;
                for (int k = 0; k < d; k++) {
                    out[row + k] += w * y[j * d + k];
                }
            }
            for (int k = 0; k < d; k++) {
                out[row + k] /= sum;
            }
        }
        return out;
    }

    static double halfSquaredDistance(double[] x, int xi, double[] y, int yj, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double t = x[xi + k] - y[yj + k];
            s += t * t;
        }
        return 0.5 * s;
    }
}
