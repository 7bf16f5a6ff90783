package io.shkmemory.engine;

import java.util.Arrays;

/**
 * A Gibbs kernel {@code K_ij = exp(alpha_i + beta_j - C_ij / e)} over a row-major cost matrix
 * {@code C} of {@code n x m}, held dense or, when most entries are negligible, truncated to a
 * compressed sparse row (CSR) matrix, with the products the kernel-domain iterations need.
 *
 * <p>Truncation. With {@code A_ij = alpha_i + beta_j - C_ij / e}, {@code R_i = max_j A_ij} and
 * {@code Q_j = max_i A_ij}, an entry is kept when {@code A_ij > min(R_i, Q_j) - T} with
 * {@code T = } {@link #TRUNCATION_LOG}: every dropped entry is below {@code e^-T} times the
 * largest entry of its row and of its column. Row and column sums are taken against
 * positive scalings whose spread the callers bound (they re-centre the potentials and rebuild
 * once a scaling leaves {@code e^}{@link #SPARSE_ABSORB_LOG_BOUND}), so the dropped mass of
 * any row or column sum stays below {@code e^-T * e^(2 * 10) / (smallest weight)^2}, under
 * {@code 1e-22} relative for a thousand points and far below double rounding (0.5e-16).
 * Building costs one pass of comparisons over {@code C} per maximum and one exponential per
 * kept entry. When more than {@link #SPARSE_MAX_DENSITY} of the entries would be kept, or no
 * entry can be dropped ({@code A_ij - R_i >= -(osc(beta) + max C / e) > -T}), it is dense.
 *
 * <p>Storage is reused across rebuilds; one instance serves one solve. With a
 * {@link ParallelLoop}, builds and large products run over {@link #ROW_BLOCKS} fixed blocks
 * of rows, column sums reduced per block in block order, so that results do not depend on
 * the number of threads.
 */
final class KernelMatrix {

    /** Entries below {@code e^-90} of their row and column maximum are dropped. */
    static final double TRUNCATION_LOG = 90.0;
    /**
     * Truncation at annealing levels, which only give the next level its starting point: the
     * dropped mass ({@code e^-40 = 4e-18} of a row or column maximum) is far below the
     * marginal error those levels stop at.
     */
    static final double ANNEALING_TRUNCATION_LOG = 40.0;
    /**
     * Bound on {@code |log|} of the scalings while the kernel is truncated, so that the
     * dropped mass stays negligible against row and column sums; beyond it callers rebuild.
     */
    static final double SPARSE_ABSORB_LOG_BOUND = 10.0;
    /** Entries of a row below this share of its largest are left out of Newton systems. */
    static final double GRAM_DROP = 1e-14;
    /**
     * Row blocks of a parallel kernel. Fixed, so that sums, and hence results, are the same
     * for any number of threads.
     */
    static final int ROW_BLOCKS = 8;
    /** Fewest stored entries for which a product is split over row blocks. */
    static final long PARALLEL_MIN_PRODUCT_ENTRIES = 200_000;
    /** Rows sampled to decide between the sparse and the dense form. */
    static final int DENSITY_SAMPLE_ROWS = 64;
    /** Largest {@code max C / e} for which {@code G = exp(-C / e)} stays a normal double. */
    static final double GIBBS_MAX_LOG = 700.0;
    /** Largest {@code |alpha|}, {@code |beta|} for which {@code e^alpha G e^beta} is used. */
    static final double GIBBS_MAX_SCALING_LOG = 300.0;
    /** Most squarings of {@code G} between two levels (a ratio of 16 in epsilon). */
    static final int MAX_SQUARINGS = 4;
    /** Above this share of kept entries the dense form is faster than CSR. */
    static final double SPARSE_MAX_DENSITY = 0.3;

    private final double[] c;
    private final int n;
    private final int m;
    private final double maxCost;
    /** {@code R_i - T}: row maximum of {@code A} less the truncation, during a build. */
    private final double[] rowFloor;
    /** {@code Q_j - T}, during a build; scratch of the dense builds. */
    private final double[] colFloor;
    private final int[] rowStart;
    private double[] dense;
    /** {@code G = exp(-C / e)} at {@code 1 / e = gibbsInvEps}, for dense annealing levels. */
    private double[] gibbs;
    private double gibbsInvEps;
    private int[] col = new int[0];
    private double[] val = new double[0];
    private boolean sparse;
    private final boolean truncate;
    /** Runs the row blocks, or null for one block on the calling thread. */
    private final ParallelLoop loop;
    private final int blocks;
    /** Per-block partial column sums, reduced in block order. */
    private final double[] partials;

    KernelMatrix(double[] c, int n, int m) {
        this(c, n, m, true, null);
    }

    /**
     * A kernel that is always dense when {@code truncate} is false (for tests), and whose
     * builds and products run over {@link #ROW_BLOCKS} blocks of rows on {@code rows} when it
     * is not null.
     */
    KernelMatrix(double[] c, int n, int m, boolean truncate, ParallelLoop rows) {
        this.truncate = truncate;
        this.loop = rows;
        this.blocks = rows == null ? 1 : Math.min(ROW_BLOCKS, n);
        this.partials = rows == null ? null : new double[blocks * m];
        this.c = c;
        this.n = n;
        this.m = m;
        this.maxCost = CostMatrix.max(c);
        this.rowFloor = new double[n];
        this.colFloor = new double[m];
        this.rowStart = new int[n + 1];
    }

    double maxCost() {
        return maxCost;
    }

    boolean isSparse() {
        return sparse;
    }

    /** Stored entries: {@code n m} when dense. */
    long storedEntries() {
        return sparse ? rowStart[n] : (long) n * m;
    }

    /**
     * Builds {@code K_ij = exp(alpha_i + beta_j - C_ij / e)}, truncated at {@code e^-truncation}
     * when that pays. With {@code centreRows}, {@code alpha} is an output: it is set to
     * {@code -max_j (beta_j - C_ij / e)}, so that every row has largest entry 1.
     */
    void build(double invEps, double[] alpha, double[] beta, boolean centreRows,
               boolean annealing) {
        double truncation = annealing ? ANNEALING_TRUNCATION_LOG : TRUNCATION_LOG;
        boolean sparsePossible = truncate && maxCost * invEps + oscillation(beta) >= truncation;
        if (!sparsePossible) {
            if (centreRows) {
                centreRows(invEps, alpha, beta);
            }
        } else if (floors(invEps, alpha, beta, centreRows, truncation)
                && sampledDensity(invEps, alpha, beta) <= SPARSE_MAX_DENSITY
                && buildSparse(invEps, alpha, beta)) {
            return;
        }
        if (!annealing || !buildDenseByPowers(invEps, alpha, beta)) {
            buildDense(invEps, alpha, beta);
        }
    }

    private static double oscillation(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    /** {@code alpha_i = -max_j (beta_j - C_ij / e)}. */
    private void centreRows(double invEps, double[] alpha, double[] beta) {
        for (int i = 0; i < n; i++) {
            alpha[i] = -rowMaximum(i, invEps, beta);
        }
    }

    private double rowMaximum(int i, double invEps, double[] beta) {
        int row = i * m;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            max = Math.max(max, beta[j] - c[row + j] * invEps);
        }
        return max;
    }

    /**
     * The truncation floors {@code R_i - T} and {@code Q_j - T} (centring the rows first when
     * asked, in the same pass over each row); false if a maximum is not finite.
     */
    private boolean floors(double invEps, double[] alpha, double[] beta, boolean centreRows,
                           double truncation) {
        boolean all = true;
        if (loop == null) {
            all = floors(invEps, alpha, beta, centreRows, truncation, 0, n, colFloor, 0);
        } else {
            boolean[] finite = new boolean[blocks];
            forBlocks((from, to, block) -> finite[block] = floors(invEps, alpha, beta,
                    centreRows, truncation, from, to, partials, block * m));
            System.arraycopy(partials, 0, colFloor, 0, m);
            for (int b = 1; b < blocks; b++) {
                all &= finite[b];
                for (int j = 0; j < m; j++) {
                    colFloor[j] = Math.max(colFloor[j], partials[b * m + j]);
                }
            }
            all &= finite[0];
        }
        for (int j = 0; j < m; j++) {
            colFloor[j] -= truncation;
        }
        return all;
    }

    /** Rows {@code from..to}: their floors, and their column maxima into {@code colMaxima}. */
    private boolean floors(double invEps, double[] alpha, double[] beta, boolean centreRows,
                           double truncation, int from, int to, double[] colMaxima,
                           int offset) {
        Arrays.fill(colMaxima, offset, offset + m, Double.NEGATIVE_INFINITY);
        boolean finite = true;
        for (int i = from; i < to; i++) {
            if (centreRows) {
                alpha[i] = -rowMaximum(i, invEps, beta);
            }
            int row = i * m;
            double ai = alpha[i];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double arg = ai + beta[j] - c[row + j] * invEps;
                max = Math.max(max, arg);
                colMaxima[offset + j] = Math.max(colMaxima[offset + j], arg);
            }
            rowFloor[i] = (centreRows ? 0.0 : max) - truncation;
            finite &= Double.isFinite(max);
        }
        return finite;
    }

    /** Share of kept entries in a sample of about {@link #DENSITY_SAMPLE_ROWS} rows. */
    private double sampledDensity(double invEps, double[] alpha, double[] beta) {
        int step = Math.max(1, n / DENSITY_SAMPLE_ROWS);
        long kept = 0;
        long seen = 0;
        for (int i = 0; i < n; i += step) {
            int row = i * m;
            double ai = alpha[i];
            double floor = rowFloor[i];
            for (int j = 0; j < m; j++) {
                double arg = ai + beta[j] - c[row + j] * invEps;
                kept += arg > Math.min(floor, colFloor[j]) ? 1 : 0;
            }
            seen += m;
        }
        return (double) kept / seen;
    }

    /**
     * Fills the CSR arrays with the kept entries; false, leaving the kernel to be built dense,
     * once more than {@link #SPARSE_MAX_DENSITY} of them would be kept.
     */
    private boolean buildSparse(double invEps, double[] alpha, double[] beta) {
        if (loop != null) {
            return buildSparseInBlocks(invEps, alpha, beta);
        }
        long limit = (long) (SPARSE_MAX_DENSITY * n * m);
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (at > limit) {
                return false;
            }
            rowStart[i] = at;
            int row = i * m;
            double ai = alpha[i];
            double floor = rowFloor[i];
            if (col.length < at + m) {
                int capacity = (int) Math.min((long) n * m, Math.max(2L * col.length, at + m));
                col = Arrays.copyOf(col, capacity);
                val = Arrays.copyOf(val, capacity);
            }
            for (int j = 0; j < m; j++) {
                double arg = ai + beta[j] - c[row + j] * invEps;
                if (arg > Math.min(floor, colFloor[j])) {
                    col[at] = j;
                    val[at] = arg;
                    at++;
                }
            }
        }
        rowStart[n] = at;
        if (at > limit) {
            return false;
        }
        for (int p = 0; p < at; p++) {
            val[p] = Math.exp(val[p]);
        }
        sparse = true;
        return true;
    }

    /** The CSR build in two passes over blocks of rows: count the kept entries, then fill. */
    private boolean buildSparseInBlocks(double invEps, double[] alpha, double[] beta) {
        forBlocks((from, to, block) -> {
            for (int i = from; i < to; i++) {
                int row = i * m;
                double ai = alpha[i];
                double floor = rowFloor[i];
                int count = 0;
                for (int j = 0; j < m; j++) {
                    double arg = ai + beta[j] - c[row + j] * invEps;
                    count += arg > Math.min(floor, colFloor[j]) ? 1 : 0;
                }
                rowStart[i + 1] = count;
            }
        });
        rowStart[0] = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int kept = rowStart[n];
        if (kept > SPARSE_MAX_DENSITY * n * m) {
            return false;
        }
        if (col.length < kept) {
            int capacity = (int) Math.min((long) n * m, kept + (kept >> 3));
            col = new int[capacity];
            val = new double[capacity];
        }
        forBlocks((from, to, block) -> {
            for (int i = from; i < to; i++) {
                int row = i * m;
                double ai = alpha[i];
                double floor = rowFloor[i];
                int at = rowStart[i];
                for (int j = 0; j < m; j++) {
                    double arg = ai + beta[j] - c[row + j] * invEps;
                    if (arg > Math.min(floor, colFloor[j])) {
                        col[at] = j;
                        val[at] = Math.exp(arg);
                        at++;
                    }
                }
            }
        });
        sparse = true;
        return true;
    }

    private void buildDense(double invEps, double[] alpha, double[] beta) {
        sparse = false;
        if (dense == null) {
            dense = new double[n * m];
        }
        if (loop == null) {
            denseRows(invEps, alpha, beta, 0, n);
        } else {
            forBlocks((from, to, block) -> denseRows(invEps, alpha, beta, from, to));
        }
    }

    private void denseRows(double invEps, double[] alpha, double[] beta, int from, int to) {
        for (int i = from; i < to; i++) {
            int row = i * m;
            double ai = alpha[i];
            for (int j = 0; j < m; j++) {
                dense[row + j] = Math.exp(ai + beta[j] - c[row + j] * invEps);
            }
        }
    }

    /**
     * At an annealing level, builds the dense kernel as {@code e^alpha_i G_ij e^beta_j} from
     * the potential-free Gibbs kernel {@code G = exp(-C / e)}, which is carried from level
     * to level: with the default schedule successive levels divide epsilon by 4, so
     * {@code G} is squared twice instead of taking {@code n m} exponentials. Each level
     * multiplies the relative error of {@code G} by about the power taken (about
     * {@code 1e-13} after five levels), which is why only annealing levels, whose result is
     * just the next level's starting point, are built this way. False, building nothing,
     * when {@code G} or the scalings would leave the normal range of doubles.
     */
    private boolean buildDenseByPowers(double invEps, double[] alpha, double[] beta) {
        if (maxCost * invEps > GIBBS_MAX_LOG || !withinGibbsRange(alpha)
                || !withinGibbsRange(beta)) {
            return false;
        }
        int squarings = 0;
        if (gibbs != null) {
            double ratio = invEps / gibbsInvEps;
            while (ratio > 1 && squarings <= MAX_SQUARINGS) {
                ratio /= 2;
                squarings++;
            }
            if (ratio != 1 || squarings > MAX_SQUARINGS) {
                squarings = -1;
            }
        }
        if (gibbs == null || squarings < 0) {
            if (gibbs == null) {
                gibbs = new double[n * m];
            }
            if (loop == null) {
                gibbsRows(invEps, 0, n);
            } else {
                forBlocks((from, to, block) -> gibbsRows(invEps, from, to));
            }
            squarings = 0;
        }
        gibbsInvEps = invEps;
        sparse = false;
        if (dense == null) {
            dense = new double[n * m];
        }
        for (int j = 0; j < m; j++) {
            colFloor[j] = Math.exp(beta[j]);
        }
        int powers = squarings;
        if (loop == null) {
            powerRows(alpha, powers, 0, n);
        } else {
            forBlocks((from, to, block) -> powerRows(alpha, powers, from, to));
        }
        return true;
    }

    private void gibbsRows(double invEps, int from, int to) {
        for (int p = from * m; p < to * m; p++) {
            gibbs[p] = Math.exp(-c[p] * invEps);
        }
    }

    /** {@code G <- G^(2^powers)}, {@code K = e^alpha G e^beta} ({@code e^beta} in colFloor). */
    private void powerRows(double[] alpha, int powers, int from, int to) {
        for (int i = from; i < to; i++) {
            int row = i * m;
            double ai = Math.exp(alpha[i]);
            for (int j = 0; j < m; j++) {
                double g = gibbs[row + j];
                for (int k = 0; k < powers; k++) {
                    g *= g;
                }
                gibbs[row + j] = g;
                dense[row + j] = ai * g * colFloor[j];
            }
        }
    }

    private static boolean withinGibbsRange(double[] x) {
        for (double v : x) {
            if (!(Math.abs(v) < GIBBS_MAX_SCALING_LOG)) {
                return false;
            }
        }
        return true;
    }

    private int blockStart(int block) {
        return (int) ((long) n * block / blocks);
    }

    /** Runs {@code body(from, to)} for every block of rows, in parallel when there is a loop. */
    private void forBlocks(RowRange body) {
        if (loop == null) {
            body.run(0, n, 0);
        } else {
            loop.run(blocks, b -> body.run(blockStart(b), blockStart(b + 1), b));
        }
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int from, int to, int block);
    }

    /**
     * Whether products run over the row blocks: only with a loop and enough stored entries
     * to pay for handing the blocks out. The choice depends on the kernel alone, so results
     * still do not depend on the number of threads.
     */
    private boolean parallelProducts() {
        return loop != null && storedEntries() >= PARALLEL_MIN_PRODUCT_ENTRIES;
    }

    /** {@code out = sum over blocks of partials}, in block order. */
    private void reducePartials(double[] out) {
        System.arraycopy(partials, 0, out, 0, m);
        for (int b = 1; b < blocks; b++) {
            int offset = b * m;
            for (int j = 0; j < m; j++) {
                out[j] += partials[offset + j];
            }
        }
    }

    /** {@code out_i = sum_j K_ij w_j}. */
    void rows(double[] w, double[] out) {
        if (!parallelProducts()) {
            rows(w, out, 0, n);
        } else {
            forBlocks((from, to, block) -> rows(w, out, from, to));
        }
    }

    private void rows(double[] w, double[] out, int from, int to) {
        if (sparse) {
            for (int i = from; i < to; i++) {
                out[i] = sparseDot(rowStart[i], rowStart[i + 1], w);
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = Kernels.dot(dense, i * m, w, m);
            }
        }
    }

    /** {@code out_j = sum_i w_i K_ij}. */
    void columns(double[] w, double[] out) {
        if (!parallelProducts()) {
            columns(w, out, 0, 0, n, false);
        } else {
            forBlocks((from, to, block) -> columns(w, partials, block * m, from, to, false));
            reducePartials(out);
        }
    }

    /** {@code out_j = sum_i w_i K_ij^2}. */
    void squaredColumns(double[] w, double[] out) {
        if (!parallelProducts()) {
            columns(w, out, 0, 0, n, true);
        } else {
            forBlocks((from, to, block) -> columns(w, partials, block * m, from, to, true));
            reducePartials(out);
        }
    }

    /** {@code out[offset + j] = sum_{from <= i < to} w_i K_ij} (or {@code K_ij^2}). */
    private void columns(double[] w, double[] out, int offset, int from, int to,
                         boolean squared) {
        Arrays.fill(out, offset, offset + m, 0.0);
        for (int i = from; i < to; i++) {
            double wi = w[i];
            if (sparse) {
                for (int p = rowStart[i], end = rowStart[i + 1]; p < end; p++) {
                    double k = squared ? val[p] * val[p] : val[p];
                    out[offset + col[p]] += wi * k;
                }
            } else if (squared) {
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    out[offset + j] += wi * dense[row + j] * dense[row + j];
                }
            } else {
                Kernels.axpy(wi, dense, i * m, out, offset, m);
            }
        }
    }

    /**
     * {@code out ~ W^T W} for {@code W = diag(s) K diag(t)}, row-major {@code m x m}, by
     * symmetric rank-one updates over the entries of each row of {@code W} above
     * {@link #GRAM_DROP} times the row's largest. Only Newton directions are solved with it:
     * their steps are accepted on the exact objective, so dropping terms this small changes
     * how fast the solve converges (not measurably), never where it converges to.
     * {@code row} and {@code index} are scratch of length {@code m}.
     */
    void gram(double[] s, double[] t, double[] out, double[] row, int[] index) {
        Arrays.fill(out, 0, m * m, 0.0);
        for (int i = 0; i < n; i++) {
            int count = significantRow(i, s[i], t, row, index);
            for (int p = 0; p < count; p++) {
                double wp = row[p];
                int offset = index[p] * m;
                for (int q = p; q < count; q++) {
                    out[offset + index[q]] += wp * row[q];
                }
            }
        }
        for (int j = 0; j < m; j++) {
            for (int l = 0; l < j; l++) {
                out[j * m + l] = out[l * m + j];
            }
        }
    }

    /** The entries of row {@code i} of {@code diag(s) K diag(t)} above the gram threshold. */
    private int significantRow(int i, double si, double[] t, double[] row, int[] index) {
        int count = 0;
        double max = 0;
        if (sparse) {
            for (int p = rowStart[i], end = rowStart[i + 1]; p < end; p++) {
                row[count] = si * val[p] * t[col[p]];
                index[count] = col[p];
                max = Math.max(max, row[count]);
                count++;
            }
        } else {
            int base = i * m;
            for (int j = 0; j < m; j++) {
                row[j] = si * dense[base + j] * t[j];
                index[j] = j;
                max = Math.max(max, row[j]);
            }
            count = m;
        }
        double floor = GRAM_DROP * max;
        int kept = 0;
        for (int p = 0; p < count; p++) {
            if (row[p] > floor) {
                row[kept] = row[p];
                index[kept] = index[p];
                kept++;
            }
        }
        return kept;
    }

    private double sparseDot(int from, int to, double[] w) {
        double s0 = 0;
        double s1 = 0;
        int p = from;
        for (; p + 1 < to; p += 2) {
            s0 += val[p] * w[col[p]];
            s1 += val[p + 1] * w[col[p + 1]];
        }
        if (p < to) {
            s0 += val[p] * w[col[p]];
        }
        return s0 + s1;
    }
}
