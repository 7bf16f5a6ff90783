package io.shkmemory.engine;

import java.util.Arrays;

/**
 * Entropic optimal transport between two measures for the cost {@code C_ij = |x_i - y_j|^2 / 2},
 * by Sinkhorn iterations with epsilon scaling (DESIGN.md sections 1 and 2).
 *
 * <p>Notation: source {@code mu = (a, x)} with {@code n} points, target {@code nu = (b, y)}
 * with {@code m} points; {@code f} lives on the source side, {@code g} on the target side, and
 * the plan is {@code pi_ij = a_i b_j exp((f_i + g_j - C_ij) / eps)}. The dual optimum
 * satisfies {@code f = softmin_b(g)}, {@code g = softmin_a(f)}, and
 * {@code OT_eps = <a, f> + <b, g>}.
 *
 * <p>The solve has two phases.
 * <ol>
 *   <li>Annealing (cold starts only): from {@code eps_0 = max C} down to the target, dividing by
 *       {@code 1/scaling^2} per level, one averaged log-domain update of both potentials per
 *       level, as in GeomLoss.</li>
 *   <li>Convergence at the target epsilon in the kernel domain: the kernel
 *       {@code K_ij = exp((f0_i + g0_j - C_ij) / eps)} is built once around the current
 *       potentials {@code (f0, g0)}, which turns each sweep into two matrix-vector products on
 *       scalings {@code u = exp((f - f0)/eps)}, {@code v = exp((g - g0)/eps)}, with no
 *       exponential per entry. When a scaling leaves {@code [e^-30, e^30]} it is absorbed into
 *       the potentials and the kernel is rebuilt. The sweeps are over-relaxed with a factor
 *       {@code omega} chosen from the observed contraction rate, and fall back to
 *       {@code omega = 1} if the error grows.</li>
 * </ol>
 *
 * <p>Stopping rule: the solve returns potentials whose row marginal is exact ({@code f} is
 * the soft c-transform of {@code g}) and reports the L1 error of the column marginal. For
 * such potentials the returned value is a lower bound of {@code OT_eps}, and by concavity of
 * the dual its error is at most {@code marginalError * osc(g* - g) / 2}.
 *
 * <p>Points of zero weight are left out of the solve; their potentials are then filled in by
 * the soft c-transform, which is the extension DESIGN.md uses for {@code f(x)} at any point.
 *
 * <p>Instances are immutable and thread-safe; all scratch lives in the call.
 */
public final class SinkhornSolver {

    private static final double ABSORB_LOG_BOUND = 30.0;
    private static final double MAX_OMEGA = 1.9;
    private static final int RATE_WINDOW = 8;

    private final SinkhornOptions options;

    public SinkhornSolver(SinkhornOptions options) {
        this.options = options;
    }

    public SinkhornOptions options() {
        return options;
    }

    /** Solves {@code OT_eps(mu, nu)} from a cold start. */
    public TransportResult solve(Measure mu, Measure nu, double eps) {
        return solve(mu, nu, eps, null);
    }

    /**
     * Solves {@code OT_eps(mu, nu)}, warm-started from a target potential {@code gInit} when
     * it is not {@code null} (the source potential follows from it), skipping annealing.
     */
    public TransportResult solve(Measure mu, Measure nu, double eps, double[] gInit) {
        checkEpsilon(eps);
        checkSameDimension(mu, nu);
        if (gInit != null && gInit.length != nu.size()) {
            throw new IllegalArgumentException("warm start g must have " + nu.size()
                    + " values, had " + gInit.length);
        }
        Support source = Support.of(mu);
        Support target = Support.of(nu);
        double[] c = CostMatrix.halfSquaredDistances(source.measure, target.measure);
        double[] g = gInit == null ? null : target.restrict(gInit);
        TransportResult core = new Asymmetric(c, source.measure, target.measure, eps)
                .run(g, options);
        if (source.isWhole() && target.isWhole()) {
            return core;
        }
        double[] f = source.extend(core.f(), mu, target.measure, core.g(), eps);
        double[] gFull = target.extend(core.g(), nu, source.measure, core.f(), eps);
        return new TransportResult(f, gFull, eps, core.value(), core.iterations(),
                core.marginalError(), core.converged());
    }

    /** Solves the symmetric problem {@code OT_eps(mu, mu)} from a cold start. */
    public SelfTransportResult solveSelf(Measure mu, double eps) {
        return solveSelf(mu, eps, null);
    }

    /** Solves {@code OT_eps(mu, mu)}, warm-started from {@code pInit} when not {@code null}. */
    public SelfTransportResult solveSelf(Measure mu, double eps, double[] pInit) {
        checkEpsilon(eps);
        if (pInit != null && pInit.length != mu.size()) {
            throw new IllegalArgumentException("warm start p must have " + mu.size()
                    + " values, had " + pInit.length);
        }
        Support support = Support.of(mu);
        Measure s = support.measure;
        double[] c = CostMatrix.halfSquaredDistances(s, s);
        double[] p = pInit == null ? null : support.restrict(pInit);
        SelfTransportResult core = new Symmetric(c, s, eps).run(p, options);
        if (support.isWhole()) {
            return core;
        }
        double[] pFull = support.extend(core.p(), mu, s, core.p(), eps);
        return new SelfTransportResult(pFull, eps, core.value(), core.iterations(),
                core.marginalError(), core.converged());
    }

    static void checkEpsilon(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("epsilon must be > 0 and finite, was " + eps);
        }
    }

    static void checkSameDimension(Measure mu, Measure nu) {
        if (mu.dimension() != nu.dimension()) {
            throw new IllegalArgumentException("measures must share a dimension, were "
                    + mu.dimension() + " and " + nu.dimension());
        }
    }

    /** The annealing schedule: {@code eps_0 = max C}, times {@code scaling^2} while above eps. */
    static double[] annealingLevels(double maxCost, double eps, double scaling) {
        double ratio = scaling * scaling;
        int count = 0;
        for (double e = maxCost; e > eps; e *= ratio) {
            count++;
        }
        double[] levels = new double[count];
        double e = maxCost;
        for (int l = 0; l < count; l++, e *= ratio) {
            levels[l] = e;
        }
        return levels;
    }

    /** Over-relaxed scaling update {@code exp((1 - omega) log u + omega log(1 / r))}. */
    private static double relax(double u, double r, double omega) {
        return omega == 1.0 ? 1.0 / r : Math.exp((1.0 - omega) * Math.log(u) - omega * Math.log(r));
    }

    /** Over-relaxation factor for a plain iteration contracting by {@code rate} per sweep. */
    static double omegaForRate(double rate) {
        if (!(rate > 0 && rate < 1)) {
            return 1.0;
        }
        return Math.min(MAX_OMEGA, 2.0 / (1.0 + Math.sqrt(1.0 - rate)));
    }

    /** The two-measure problem on positive weights. */
    private static final class Asymmetric {
        private final double[] c;
        private final int n;
        private final int m;
        private final double[] a;
        private final double[] b;
        private final double[] logA;
        private final double[] logB;
        private final double eps;
        private final double invEps;

        private final double[] k;
        private final double[] f0;
        private final double[] g0;
        private final double[] u;
        private final double[] v;
        private final double[] r;
        private final double[] s;
        private final double[] au;
        private final double[] bv;

        Asymmetric(double[] c, Measure mu, Measure nu, double eps) {
            this.c = c;
            this.n = mu.size();
            this.m = nu.size();
            this.a = mu.a();
            this.b = nu.a();
            this.logA = mu.logA();
            this.logB = nu.logA();
            this.eps = eps;
            this.invEps = 1.0 / eps;
            this.k = new double[n * m];
            this.f0 = new double[n];
            this.g0 = new double[m];
            this.u = new double[n];
            this.v = new double[m];
            this.r = new double[n];
            this.s = new double[m];
            this.au = new double[n];
            this.bv = new double[m];
        }

        TransportResult run(double[] gInit, SinkhornOptions options) {
            if (gInit == null) {
                anneal(options.scaling());
            } else {
                System.arraycopy(gInit, 0, g0, 0, m);
            }
            buildKernel();

            double tol = options.tolerance();
            double omega = 1.0;
            double[] history = new double[RATE_WINDOW + 1];
            double best = Double.POSITIVE_INFINITY;
            boolean converged = false;
            int iterations = 0;
            double error = Double.NaN;
            while (iterations < options.maxIterations()) {
                iterations++;
                rowSums();
                for (int i = 0; i < n; i++) {
                    u[i] = relax(u[i], r[i], omega);
                }
                columnSums();
                error = rowError() + columnError();

                if (error < tol) {
                    exactRowUpdate();
                    error = columnError();
                    if (error < tol) {
                        converged = true;
                        break;
                    }
                }

                history[iterations % history.length] = error;
                if (omega > 1.0 && error > 2.0 * best) {
                    omega = 1.0;
                } else if (omega == 1.0 && iterations % RATE_WINDOW == 0
                        && iterations >= 2 * RATE_WINDOW) {
                    double older = history[(iterations - RATE_WINDOW) % history.length];
                    omega = omegaForRate(Math.pow(error / older, 1.0 / RATE_WINDOW));
                }
                best = Math.min(best, error);

                if (!updateColumnScalings(omega)) {
                    logDomainColumnUpdate();
                    buildKernel();
                } else if (needsAbsorption()) {
                    absorbColumns();
                    buildKernel();
                }
            }
            if (!converged) {
                rowSums();
                exactRowUpdate();
                error = columnError();
            }

            double[] f = new double[n];
            double[] g = new double[m];
            double value = 0;
            for (int i = 0; i < n; i++) {
                f[i] = f0[i] + eps * Math.log(u[i]);
                value += a[i] * f[i];
            }
            for (int j = 0; j < m; j++) {
                g[j] = g0[j] + eps * Math.log(v[j]);
                value += b[j] * g[j];
            }
            return new TransportResult(f, g, eps, value, iterations, error, converged);
        }

        private void anneal(double scaling) {
            double[] f = new double[n];
            double[] g = new double[m];
            double[] fNext = new double[n];
            double[] gNext = new double[m];
            double[] scratchN = new double[n];
            double[] scratchM = new double[m];
            double[] colMax = new double[m];
            double[] colSum = new double[m];
            for (double e : annealingLevels(CostMatrix.max(c), eps, scaling)) {
                Softmin.rows(c, n, m, e, logB, g, fNext, scratchM);
                Softmin.columns(c, n, m, e, logA, f, gNext, scratchN, colMax, colSum);
                for (int i = 0; i < n; i++) {
                    f[i] = 0.5 * (f[i] + fNext[i]);
                }
                for (int j = 0; j < m; j++) {
                    g[j] = 0.5 * (g[j] + gNext[j]);
                }
            }
            System.arraycopy(g, 0, g0, 0, m);
        }

        /**
         * Builds {@code K} around {@code g0} and the exact soft c-transform {@code f0} of it,
         * so that every row of {@code K} has largest entry 1; sets {@code u} so that the row
         * marginal is exact and {@code v = 1}.
         */
        private void buildKernel() {
            for (int i = 0; i < n; i++) {
                int row = i * m;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    double arg = (g0[j] - c[row + j]) * invEps;
                    k[row + j] = arg;
                    max = Math.max(max, arg);
                }
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    double e = Math.exp(k[row + j] - max);
                    k[row + j] = e;
                    sum += b[j] * e;
                }
                f0[i] = -eps * max;
                u[i] = 1.0 / sum;
            }
            Arrays.fill(v, 1.0);
        }

        /** {@code r = K (b v)}. */
        private void rowSums() {
            for (int j = 0; j < m; j++) {
                bv[j] = b[j] * v[j];
            }
            for (int i = 0; i < n; i++) {
                r[i] = Kernels.dot(k, i * m, bv, m);
            }
        }

        /** {@code s = K^T (a u)}, accumulated row by row. */
        private void columnSums() {
            for (int i = 0; i < n; i++) {
                au[i] = a[i] * u[i];
            }
            Arrays.fill(s, 0.0);
            for (int i = 0; i < n; i++) {
                Kernels.axpy(au[i], k, i * m, s, m);
            }
        }

        private void exactRowUpdate() {
            for (int i = 0; i < n; i++) {
                u[i] = 1.0 / r[i];
            }
            columnSums();
        }

        private double rowError() {
            double e = 0;
            for (int i = 0; i < n; i++) {
                e += a[i] * Math.abs(u[i] * r[i] - 1.0);
            }
            return e;
        }

        private double columnError() {
            double e = 0;
            for (int j = 0; j < m; j++) {
                e += b[j] * Math.abs(v[j] * s[j] - 1.0);
            }
            return e;
        }

        /** Returns false when a column sum underflowed and the kernel cannot update it. */
        private boolean updateColumnScalings(double omega) {
            for (int j = 0; j < m; j++) {
                if (!(s[j] > 0) || !Double.isFinite(s[j])) {
                    return false;
                }
            }
            for (int j = 0; j < m; j++) {
                v[j] = relax(v[j], s[j], omega);
            }
            return true;
        }

        private boolean needsAbsorption() {
            return outOfBounds(u, n) || outOfBounds(v, m);
        }

        private void absorbColumns() {
            for (int j = 0; j < m; j++) {
                g0[j] += eps * Math.log(v[j]);
            }
        }

        /** {@code g = softmin_a(f)} in the log domain, for when the kernel underflowed. */
        private void logDomainColumnUpdate() {
            double[] f = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = f0[i] + eps * Math.log(u[i]);
            }
            Softmin.columns(c, n, m, eps, logA, f, g0, new double[n], new double[m],
                    new double[m]);
        }
    }

    /** The symmetric problem {@code OT_eps(mu, mu)} on positive weights. */
    private static final class Symmetric {
        private final double[] c;
        private final int n;
        private final double[] a;
        private final double[] logA;
        private final double eps;
        private final double invEps;
        private final double[] k;
        private final double[] p0;
        private final double[] u;
        private final double[] r;
        private final double[] au;

        Symmetric(double[] c, Measure mu, double eps) {
            this.c = c;
            this.n = mu.size();
            this.a = mu.a();
            this.logA = mu.logA();
            this.eps = eps;
            this.invEps = 1.0 / eps;
            this.k = new double[n * n];
            this.p0 = new double[n];
            this.u = new double[n];
            this.r = new double[n];
            this.au = new double[n];
        }

        SelfTransportResult run(double[] pInit, SinkhornOptions options) {
            if (pInit == null) {
                anneal(options.scaling());
            } else {
                System.arraycopy(pInit, 0, p0, 0, n);
            }
            averagedLogDomainUpdate();
            buildKernel();

            double tol = options.tolerance();
            boolean converged = false;
            int iterations = 0;
            double error = Double.NaN;
            while (iterations < options.maxIterations()) {
                iterations++;
                rowSums();
                error = 0;
                for (int i = 0; i < n; i++) {
                    error += a[i] * Math.abs(u[i] * r[i] - 1.0);
                }
                if (error < tol) {
                    converged = true;
                    break;
                }
                boolean finite = true;
                for (int i = 0; i < n; i++) {
                    u[i] = Math.sqrt(u[i] / r[i]);
                    finite &= u[i] > 0 && Double.isFinite(u[i]);
                }
                if (!finite) {
                    averagedLogDomainUpdate();
                    buildKernel();
                } else if (outOfBounds(u, n)) {
                    absorb();
                    buildKernel();
                }
            }
            if (!converged) {
                rowSums();
                error = 0;
                for (int i = 0; i < n; i++) {
                    error += a[i] * Math.abs(u[i] * r[i] - 1.0);
                }
            }
            double[] p = new double[n];
            double value = 0;
            for (int i = 0; i < n; i++) {
                p[i] = p0[i] + eps * Math.log(u[i]);
                value += 2 * a[i] * p[i];
            }
            return new SelfTransportResult(p, eps, value, iterations, error, converged);
        }

        private void anneal(double scaling) {
            double[] next = new double[n];
            double[] scratch = new double[n];
            for (double e : annealingLevels(CostMatrix.max(c), eps, scaling)) {
                Softmin.rows(c, n, n, e, logA, p0, next, scratch);
                for (int i = 0; i < n; i++) {
                    p0[i] = 0.5 * (p0[i] + next[i]);
                }
            }
        }

        /**
         * One averaged update {@code p <- (p + softmin_a(p)) / 2} in the log domain, which
         * brings {@code p0} close enough to the fixed point that the kernel cannot overflow.
         */
        private void averagedLogDomainUpdate() {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = u[i] > 0 ? p0[i] + eps * Math.log(u[i]) : p0[i];
            }
            Softmin.rows(c, n, n, eps, logA, p, p0, new double[n]);
            for (int i = 0; i < n; i++) {
                p0[i] = 0.5 * (p0[i] + p[i]);
            }
        }

        private void buildKernel() {
            for (int i = 0; i < n; i++) {
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    k[row + j] = Math.exp((p0[i] + p0[j] - c[row + j]) * invEps);
                }
            }
            Arrays.fill(u, 1.0);
        }

        private void absorb() {
            for (int i = 0; i < n; i++) {
                p0[i] += eps * Math.log(u[i]);
            }
        }

        private void rowSums() {
            for (int i = 0; i < n; i++) {
                au[i] = a[i] * u[i];
            }
            for (int i = 0; i < n; i++) {
                r[i] = Kernels.dot(k, i * n, au, n);
            }
        }
    }

    private static boolean outOfBounds(double[] scaling, int length) {
        for (int i = 0; i < length; i++) {
            double l = Math.log(scaling[i]);
            if (!(Math.abs(l) < ABSORB_LOG_BOUND)) {
                return true;
            }
        }
        return false;
    }
}
