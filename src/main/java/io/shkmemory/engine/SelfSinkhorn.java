package io.shkmemory.engine;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One solve of the symmetric problem {@code OT_eps(mu, mu)} on points of positive weight: the
 * averaged fixed-point iteration {@code p <- (p + softmin_a(p)) / 2}, which converges fast
 * (Feydy et al., 2019), run in the kernel domain at each annealing level.
 *
 * <p>State: {@code K_ij = exp((p0_i + p0_j - C_ij) / e)} around a stabilising potential
 * {@code p0} and a scaling {@code u} with {@code p = p0 + e log u}. The averaged update is
 * {@code u <- sqrt(u / K (a u))}; the marginal error of the plan
 * {@code a_i a_j u_i u_j K_ij} is {@code sum_i a_i |u_i (K a u)_i - 1|}.
 */
final class SelfSinkhorn {

    private final double[] c;
    private final int n;
    private final double[] a;
    private final double[] logA;
    private final double targetEps;
    private final KernelMatrix kernel;
    private final double[] p0;
    private final double[] alpha;
    private final double[] u;
    private final double[] r;
    private final double[] au;
    private double eps;
    private int iterations;
    private BooleanSupplier stop = SinkhornSolver.NEVER;

    SelfSinkhorn(double[] c, Measure mu, double eps) {
        this(c, mu, eps, true, null);
    }

    /**
     * A solve whose kernel is never truncated when {@code truncate} is false (for tests), and
     * whose kernel builds and products run over blocks of rows on {@code rows} when not null.
     */
    SelfSinkhorn(double[] c, Measure mu, double eps, boolean truncate, ParallelLoop rows) {
        this.c = c;
        this.n = mu.size();
        this.a = mu.a();
        this.logA = mu.logA();
        this.targetEps = eps;
        this.kernel = new KernelMatrix(c, n, n, truncate, rows);
        this.p0 = new double[n];
        this.alpha = new double[n];
        this.u = new double[n];
        this.r = new double[n];
        this.au = new double[n];
    }

    /**
     * Solves, polling {@code stop} once per iteration.
     *
     * @throws CancellationException as soon as {@code stop} answers true
     */
    SelfTransportResult run(double[] pInit, SinkhornOptions options, BooleanSupplier stop) {
        this.stop = stop;
        if (pInit == null) {
            SinkhornSolver.anneal(kernel.maxCost(), targetEps, options.scaling(), this::converge);
        } else {
            System.arraycopy(pInit, 0, p0, 0, n);
        }
        double error = converge(targetEps, options.tolerance(), options.maxIterations());

        double[] p = new double[n];
        double value = 0;
        for (int i = 0; i < n; i++) {
            p[i] = p0[i] + eps * Math.log(u[i]);
            value += 2 * a[i] * p[i];
        }
        return new SelfTransportResult(p, eps, value, iterations, error,
                error < options.tolerance());
    }

    /** Whether the kernel at the end of the solve was truncated. */
    boolean truncated() {
        return kernel.isSparse();
    }

    private double converge(double level, double tol, int maxIterations) {
        if (eps != 0) {
            absorb();
        }
        eps = level;
        if (!buildKernel()) {
            averagedLogDomainUpdate();
            buildKernel();
        }
        double error = rowSumsAndError();
        for (int it = 0; it < maxIterations && error >= tol; it++) {
            if (stop.getAsBoolean()) {
                throw new CancellationException("the Sinkhorn solve was stopped");
            }
            iterations++;
            boolean finite = true;
            for (int i = 0; i < n; i++) {
                u[i] = Math.sqrt(u[i] / r[i]);
                finite &= u[i] > 0 && Double.isFinite(u[i]);
            }
            if (!finite) {
                Arrays.fill(u, 1.0);
                averagedLogDomainUpdate();
                buildKernel();
            } else if (SinkhornSolver.outOfBounds(u, kernel.isSparse()
                    ? KernelMatrix.SPARSE_ABSORB_LOG_BOUND : SinkhornSolver.ABSORB_LOG_BOUND)) {
                absorb();
                buildKernel();
            }
            error = rowSumsAndError();
        }
        return error;
    }

    private void absorb() {
        for (int i = 0; i < n; i++) {
            p0[i] += eps * Math.log(u[i]);
        }
        Arrays.fill(u, 1.0);
    }

    /**
     * One averaged update in the log domain, for when {@code p0} is too far from the fixed
     * point for the kernel to be represented.
     */
    private void averagedLogDomainUpdate() {
        double[] next = new double[n];
        Softmin.rows(c, n, n, eps, logA, p0, next, new double[n]);
        for (int i = 0; i < n; i++) {
            p0[i] = 0.5 * (p0[i] + next[i]);
        }
    }

    /** Builds {@code K} around {@code p0} with {@code u = 1}; false if an entry overflowed. */
    private boolean buildKernel() {
        double invEps = 1.0 / eps;
        for (int i = 0; i < n; i++) {
            alpha[i] = p0[i] * invEps;
        }
        kernel.build(invEps, alpha, alpha, false, eps != targetEps);
        Arrays.fill(u, 1.0);
        kernel.rows(a, r);
        for (int i = 0; i < n; i++) {
            if (!(r[i] > 0) || !Double.isFinite(r[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code r = K (a u)}; returns the marginal error. */
    private double rowSumsAndError() {
        for (int i = 0; i < n; i++) {
            au[i] = a[i] * u[i];
        }
        kernel.rows(au, r);
        double error = 0;
        for (int i = 0; i < n; i++) {
            error += a[i] * Math.abs(u[i] * r[i] - 1.0);
        }
        return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
    }
}
