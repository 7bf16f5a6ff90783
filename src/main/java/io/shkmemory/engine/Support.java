package io.shkmemory.engine;

/**
 * The points of positive weight of a measure. Solvers run on the support, since zero-mass
 * points take no part in the plan; their potentials are then filled in by the soft
 * c-transform {@code f(x) = -eps log sum_j b_j exp((g_j - c(x, y_j)) / eps)}.
 */
final class Support {

    final Measure measure;
    private final int[] index;
    private final int wholeSize;

    private Support(Measure measure, int[] index, int wholeSize) {
        this.measure = measure;
        this.index = index;
        this.wholeSize = wholeSize;
    }

    static Support of(Measure mu) {
        int n = mu.size();
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (mu.weight(i) > 0) {
                count++;
            }
        }
        if (count == n) {
            return new Support(mu, null, n);
        }
        int d = mu.dimension();
        int[] index = new int[count];
        double[] x = new double[count * d];
        double[] a = new double[count];
        for (int i = 0, c = 0; i < n; i++) {
            if (mu.weight(i) > 0) {
                index[c] = i;
                System.arraycopy(mu.x(), i * d, x, c * d, d);
                a[c] = mu.weight(i);
                c++;
            }
        }
        return new Support(Measure.ofRowMajor(d, x, a), index, n);
    }

    boolean isWhole() {
        return index == null;
    }

    double[] restrict(double[] full) {
        if (index == null) {
            return full.clone();
        }
        double[] out = new double[index.length];
        for (int c = 0; c < index.length; c++) {
            out[c] = full[index[c]];
        }
        return out;
    }

    /**
     * Potentials for every point of {@code whole}: the solved values on the support, and the
     * soft c-transform against {@code (other, otherPotential)} elsewhere.
     */
    double[] extend(double[] onSupport, Measure whole, Measure other, double[] otherPotential,
                    double eps) {
        if (index == null) {
            return onSupport;
        }
        double[] out = new double[wholeSize];
        boolean[] solved = new boolean[wholeSize];
        for (int c = 0; c < index.length; c++) {
            out[index[c]] = onSupport[c];
            solved[index[c]] = true;
        }
        for (int i = 0; i < wholeSize; i++) {
            if (!solved[i]) {
                out[i] = Transport.softmin(whole, i, other, otherPotential, eps);
            }
        }
        return out;
    }
}
