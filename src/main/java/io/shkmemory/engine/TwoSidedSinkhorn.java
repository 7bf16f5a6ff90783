package io.shkmemory.engine;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;


/**
 * One solve of {@code OT_eps(mu, nu)} on points of positive weight; see {@link SinkhornSolver}
 * for the notation and the method.
 *
 * <p>State: the kernel {@code K_ij = exp((f0_i + g0_j - C_ij) / e)} around stabilising
 * potentials {@code (f0, g0)} at the current level {@code e}, and scalings {@code u}, {@code v}
 * with {@code f = f0 + e log u}, {@code g = g0 + e log v}. Between iterations the row marginal
 * is exact ({@code u = 1 / K (b v)}), so the column marginal error {@code |b - nu'|_1} is the
 * whole marginal error and the gradient of the semi-dual.
 */
final class TwoSidedSinkhorn {

    /**
     * Error reduction a Newton step is counted on. Sweeps hand over to Newton steps once
     * the sweeps that cost as much as one Newton step would reduce the error by less.
     */
    private static final double NEWTON_REDUCTION = 0.1;
    /** Largest target size for which the Newton system is formed and factorised densely. */
    private static final int NEWTON_DENSE_MAX = 300;
    private static final int CG_MAX_ITERATIONS = 100;
    private static final double CG_REDUCTION = 1e-2;
    /** Sufficient-increase constant of the Newton steps. */
    private static final double ARMIJO = 1e-4;
    private static final double MIN_DAMPING = 1e-10;
    private static final double MAX_DAMPING = 1e6;

    private final double[] c;
    private final int n;
    private final int m;
    private final double[] a;
    private final double[] b;
    private final double[] logA;
    private final double targetEps;

    private final KernelMatrix kernel;
    private final double[] f0;
    private final double[] g0;
    private final double[] beta;
    private final double[] u;
    private final double[] v;
    private final double[] r;
    private final double[] s;
    private final double[] au;
    private final double[] bv;
    /** Scratch of the Newton steps, reused so that iterations allocate nothing. */
    private final double[] nu;
    private final double[] rhs;
    private final double[] vBefore;
    private final double[] x;
    private final double[] diagonal;
    private final double[] res;
    private final double[] z;
    private final double[] dir;
    private final double[] q;
    private final double[] scaled;
    private final double[] rowScratch;
    /** Dense Newton system (then its Cholesky factor), made on the first dense Newton step. */
    private double[] newtonSystem;
    private int[] columnIndex;
    private int lastCgIterations = 10;
    private double eps;
    private int iterations;
    private BooleanSupplier stop = SinkhornSolver.NEVER;
    /** Levenberg-Marquardt damping {@code lambda}, carried from step to step. */
    private double damping = 1e-3;

    TwoSidedSinkhorn(double[] c, Measure mu, Measure nu, double eps) {
        this(c, mu, nu, eps, true, null);
    }

    /**
     * A solve whose kernel is never truncated when {@code truncate} is false (for tests), and
     * whose kernel builds and products run over blocks of rows on {@code rows} when not null.
     */
    TwoSidedSinkhorn(double[] c, Measure mu, Measure nu, double eps, boolean truncate,
                     ParallelLoop rows) {
        this.c = c;
        this.n = mu.size();
        this.m = nu.size();
        this.a = mu.a();
        this.b = nu.a();
        this.logA = mu.logA();
        this.targetEps = eps;
        this.kernel = new KernelMatrix(c, n, m, truncate, rows);
        this.f0 = new double[n];
        this.g0 = new double[m];
        this.beta = new double[m];
        this.u = new double[n];
        this.v = new double[m];
        this.r = new double[n];
        this.s = new double[m];
        this.au = new double[n];
        this.bv = new double[m];
        this.nu = new double[m];
        this.rhs = new double[m];
        this.vBefore = new double[m];
        this.x = new double[m];
        this.diagonal = new double[m];
        this.res = new double[m];
        this.z = new double[m];
        this.dir = new double[m];
        this.q = new double[m];
        this.scaled = new double[m];
        this.rowScratch = new double[n];
    }

    /**
     * Solves, polling {@code stop} once per iteration.
     *
     * @throws CancellationException as soon as {@code stop} answers true
     */
    TransportResult run(double[] gInit, SinkhornOptions options, BooleanSupplier stop) {
        this.stop = stop;
        if (gInit == null) {
            SinkhornSolver.anneal(kernel.maxCost(), targetEps, options.scaling(), this::converge);
        } else {
            System.arraycopy(gInit, 0, g0, 0, m);
        }
        double error = converge(targetEps, options.tolerance(), options.maxIterations());

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
        return new TransportResult(f, g, eps, value, iterations, error,
                error < options.tolerance());
    }

    /** Whether the kernel at the end of the solve was truncated. */
    boolean truncated() {
        return kernel.isSparse();
    }

    /**
     * Iterates at {@code level} until the marginal error is below {@code tol} or
     * {@code maxIterations} more iterations were made; returns the error.
     */
    private double converge(double level, double tol, int maxIterations) {
        if (eps != 0) {
            absorb();
        }
        eps = level;
        buildKernel();
        double error = columnError();
        boolean newton = false;
        double previous = Double.POSITIVE_INFINITY;
        for (int it = 0; it < maxIterations && error >= tol; it++) {
            if (stop.getAsBoolean()) {
                throw new CancellationException("the Sinkhorn solve was stopped");
            }
            iterations++;
            if (newton && newtonStep(error)) {
                error = columnError();
            } else {
                sweep();
                error = columnError();
                newton = error > slowSweepRatio() * previous;
            }
            previous = error;
            if (outOfBounds()) {
                absorb();
                buildKernel();
                error = columnError();
            }
        }
        return error;
    }

    /**
     * The sweep contraction above which a Newton step pays:
     * {@code NEWTON_REDUCTION^(1 / cost)}, with {@code cost} a Newton step's work in sweeps:
     * {@code m / 2 + m^2 / (6 n)} for the dense system (forming it and its Cholesky factor),
     * about the conjugate-gradient iterations of the last step otherwise.
     */
    private double slowSweepRatio() {
        double cost = m <= NEWTON_DENSE_MAX ? m / 2.0 + (double) m * m / (6.0 * n)
                : Math.max(1, lastCgIterations);
        return Math.pow(NEWTON_REDUCTION, 1.0 / Math.max(1.0, cost));
    }

    /**
     * Whether the scalings left the range in which the kernel represents them: {@code e^+-30}
     * for a dense kernel, a tighter bound on {@code v} for a truncated one (which also bounds
     * {@code u} relative to its value after the build, since {@code u = 1 / K (b v)}).
     */
    private boolean outOfBounds() {
        if (kernel.isSparse()) {
            return SinkhornSolver.outOfBounds(v, KernelMatrix.SPARSE_ABSORB_LOG_BOUND);
        }
        return SinkhornSolver.outOfBounds(u, SinkhornSolver.ABSORB_LOG_BOUND)
                || SinkhornSolver.outOfBounds(v, SinkhornSolver.ABSORB_LOG_BOUND);
    }

    /** Moves the column scalings into {@code g0}. */
    private void absorb() {
        for (int j = 0; j < m; j++) {
            g0[j] += eps * Math.log(v[j]);
        }
    }

    /**
     * Builds {@code K} around {@code g0} and the row maximum {@code f0} of it, so that every row
     * of {@code K} has largest entry 1, with {@code v = 1} and exact rows.
     */
    private void buildKernel() {
        double invEps = 1.0 / eps;
        for (int j = 0; j < m; j++) {
            beta[j] = g0[j] * invEps;
        }
        kernel.build(invEps, f0, beta, true, eps != targetEps);
        for (int i = 0; i < n; i++) {
            f0[i] = eps * f0[i];
        }
        Arrays.fill(v, 1.0);
        exactRows();
    }

    /** {@code u = 1 / K (b v)}, then {@code s = K^T (a u)}. */
    private void exactRows() {
        for (int j = 0; j < m; j++) {
            bv[j] = b[j] * v[j];
        }
        kernel.rows(bv, r);
        for (int i = 0; i < n; i++) {
            u[i] = 1.0 / r[i];
            au[i] = a[i] * u[i];
        }
        kernel.columns(au, s);
    }

    private double columnError() {
        double e = 0;
        for (int j = 0; j < m; j++) {
            e += Math.abs(bv[j] * s[j] - b[j]);
        }
        return e;
    }

    /**
     * One Sinkhorn sweep: {@code v = 1 / s}, then exact rows. A column whose kernel entries all
     * underflowed is updated in the log domain instead, and the kernel rebuilt.
     */
    private void sweep() {
        for (int j = 0; j < m; j++) {
            if (!(s[j] > 0) || !Double.isFinite(s[j])) {
                logDomainColumnUpdate();
                buildKernel();
                return;
            }
        }
        for (int j = 0; j < m; j++) {
            v[j] = 1.0 / s[j];
        }
        exactRows();
    }

    /** {@code g = softmin_a(f)} in the log domain, for when the kernel underflowed. */
    private void logDomainColumnUpdate() {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = f0[i] + eps * Math.log(u[i]);
        }
        Softmin.columns(c, n, m, eps, logA, f, g0, new double[n], new double[m], new double[m]);
    }

    /**
     * A Levenberg-Marquardt step on the semi-dual {@code F(g) = <a, softmin_b(g)> + <b, g>}. Its
     * gradient is {@code b - nu'} and its Hessian {@code -(1/eps) M} with
     * {@code M = diag(nu') - pi^T diag(1/a) pi}. The step solves
     * {@code (M + lambda diag(nu')) x = b - nu'} and moves {@code g} by {@code eps x}: a Newton
     * step for small {@code lambda}, a damped Sinkhorn step ({@code x = (b - nu') / nu'}, the
     * first-order form of {@code v <- v b / nu'}) for large. A step is taken when it raises
     * {@code F} by a sufficient share of the predicted gain (Armijo), or, where the gain is below
     * rounding, when it lowers the marginal error; then {@code lambda} shrinks, else it grows
     * and the step is solved again. Returns false, with the state unchanged, when no damping
     * up to {@link #MAX_DAMPING} helps.
     */
    private boolean newtonStep(double error) {
        for (int j = 0; j < m; j++) {
            nu[j] = bv[j] * s[j];
            rhs[j] = b[j] - nu[j];
        }
        System.arraycopy(v, 0, vBefore, 0, m);
        double start = semiDual();
        while (damping <= MAX_DAMPING) {
            boolean solved = m <= NEWTON_DENSE_MAX ? solveDense() : solveConjugateGradient();
            double slope = solved ? eps * Kernels.dot(rhs, 0, x, m) : 0;
            if (slope > 0) {
                for (int j = 0; j < m; j++) {
                    v[j] = vBefore[j] * Math.exp(x[j]);
                }
                exactRows();
                double gain = semiDual() - start;
                boolean armijo = gain >= ARMIJO * slope;
                boolean belowRounding = Math.abs(gain) <= 1e-14 * (Math.abs(start) + 1e-300);
                if (armijo || (belowRounding && columnError() < error)) {
                    damping = Math.max(MIN_DAMPING, damping * 0.25);
                    return true;
                }
            }
            damping *= 4;
        }
        damping = MAX_DAMPING / 4;
        System.arraycopy(vBefore, 0, v, 0, m);
        exactRows();
        return false;
    }

    /** {@code F = <a, f> + <b, g>} at exact rows; increases along Newton steps. */
    private double semiDual() {
        double value = 0;
        for (int i = 0; i < n; i++) {
            value += a[i] * (f0[i] + eps * Math.log(u[i]));
        }
        for (int j = 0; j < m; j++) {
            value += b[j] * (g0[j] + eps * Math.log(v[j]));
        }
        return value;
    }

    /**
     * Solves {@code (M + lambda diag(nu')) x = rhs} densely by Cholesky into {@link #x}; false
     * when the factorisation fails.
     */
    private boolean solveDense() {
        if (newtonSystem == null) {
            newtonSystem = new double[m * m];
            columnIndex = new int[m];
        }
        for (int i = 0; i < n; i++) {
            rowScratch[i] = Math.sqrt(a[i]) * u[i];
        }
        kernel.gram(rowScratch, bv, newtonSystem, res, columnIndex);
        for (int p = 0; p < m * m; p++) {
            newtonSystem[p] = -newtonSystem[p];
        }
        for (int j = 0; j < m; j++) {
            newtonSystem[j * m + j] += (1 + damping) * nu[j];
        }
        if (!Cholesky.factor(newtonSystem, m)) {
            return false;
        }
        Cholesky.solve(newtonSystem, m, rhs, x);
        for (int j = 0; j < m; j++) {
            if (!Double.isFinite(x[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Solves {@code (M + lambda diag(nu')) x = rhs} into {@link #x} by Jacobi-preconditioned
     * conjugate gradients, with {@code M} applied matrix-free (two kernel products per
     * iteration), truncated once the residual has dropped by {@link #CG_REDUCTION}.
     */
    private boolean solveConjugateGradient() {
        for (int i = 0; i < n; i++) {
            rowScratch[i] = a[i] * u[i] * u[i];
        }
        kernel.squaredColumns(rowScratch, diagonal);
        for (int j = 0; j < m; j++) {
            diagonal[j] = Math.max((1 + damping) * nu[j] - diagonal[j] * bv[j] * bv[j], 1e-300);
        }
        Arrays.fill(x, 0.0);
        System.arraycopy(rhs, 0, res, 0, m);
        for (int j = 0; j < m; j++) {
            z[j] = res[j] / diagonal[j];
        }
        System.arraycopy(z, 0, dir, 0, m);
        double rz = Kernels.dot(res, 0, z, m);
        double target = CG_REDUCTION * CG_REDUCTION * Kernels.dot(rhs, 0, rhs, m);
        int it = 0;
        for (; it < CG_MAX_ITERATIONS && Kernels.dot(res, 0, res, m) > target; it++) {
            applyM(dir, q);
            double dq = Kernels.dot(dir, 0, q, m);
            if (!(dq > 0)) {
                break;
            }
            double alpha = rz / dq;
            for (int j = 0; j < m; j++) {
                x[j] += alpha * dir[j];
                res[j] -= alpha * q[j];
                z[j] = res[j] / diagonal[j];
            }
            double rzNext = Kernels.dot(res, 0, z, m);
            double step = rzNext / rz;
            rz = rzNext;
            for (int j = 0; j < m; j++) {
                dir[j] = z[j] + step * dir[j];
            }
        }
        lastCgIterations = it;
        return true;
    }

    /** {@code out = (M + lambda diag(nu')) in}, from exact rows. */
    private void applyM(double[] in, double[] out) {
        for (int j = 0; j < m; j++) {
            scaled[j] = bv[j] * in[j];
        }
        kernel.rows(scaled, rowScratch);
        for (int i = 0; i < n; i++) {
            rowScratch[i] *= a[i] * u[i] * u[i];
        }
        kernel.columns(rowScratch, out);
        for (int j = 0; j < m; j++) {
            out[j] = (1 + damping) * nu[j] * in[j] - bv[j] * out[j];
        }
    }
}
