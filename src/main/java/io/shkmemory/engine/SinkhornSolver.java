package io.shkmemory.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

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
 * <p>Method. From a cold start, epsilon is annealed from {@code eps_0 = max C} down to the
 * target, dividing by {@code 1/scaling^2} per level, with a few iterations per level (until
 * the marginal error is below {@link #ANNEALING_TOLERANCE}, at most
 * {@link #ANNEALING_MAX_ITERATIONS}); a warm start goes straight to the target. At each level
 * the kernel {@code K_ij = exp((f0_i + g0_j - C_ij) / eps)} is built once around the current
 * potentials, so that iterations act on scalings {@code u = exp((f - f0)/eps)},
 * {@code v = exp((g - g0)/eps)} by matrix-vector products with no exponential per entry;
 * scalings that leave {@code [e^-30, e^30]} are absorbed into the potentials and the kernel
 * rebuilt. At small epsilon most kernel entries are negligible: entries below {@code e^-90} of
 * both their row and their column maximum are dropped and the kernel kept in compressed sparse
 * rows, with a tighter absorption bound so that the dropped mass stays far below double
 * rounding ({@link KernelMatrix}). Iterations are Sinkhorn sweeps while they are the cheaper
 * way to cut the error (weighing a Newton step's cost in sweeps), then
 * Levenberg-Marquardt-damped Newton steps on the semi-dual, which converge quadratically where
 * plain sweeps crawl (small epsilon, nearly deterministic plans: thousands of sweeps).
 * The symmetric problem uses the averaged update {@code p <- (p + softmin(p)) / 2}, which
 * converges fast on its own.
 *
 * <p>Stopping rule: the solve returns potentials whose row marginal is exact ({@code f} is
 * the soft c-transform of {@code g}) and reports the L1 error of the column marginal. For
 * such potentials the returned value is a lower bound of {@code OT_eps}, and by concavity of
 * the dual its error is at most {@code marginalError * osc(g* - g) / 2}.
 *
 * <p>Points of zero weight are left out of the solve; their potentials are then filled in by
 * the soft c-transform, which is the extension DESIGN.md uses for {@code f(x)} at any point.
 *
 * <p>Instances are immutable and thread-safe; all scratch lives in the call. Large solves can
 * run their rows on a bounded pool passed in by the caller.
 */
public final class SinkhornSolver {

    /** Problems with at least this many cost entries run their rows in parallel. */
    static final long ROW_PARALLEL_MIN_ENTRIES = 100_000;

    /**
     * Heap one solve holds at its peak, per pair of points: the cost matrix, the dense kernel
     * and the Gibbs kernel carried through annealing (8 bytes each), and at small epsilon the
     * truncated kernel's entries. Measured: a divergence of 2,000 against 2,000 points (4
     * million pairs) ran in a 100 MB heap at eps 0.05 and needed 130 MB at eps 5e-4, all
     * included; 32 bytes a pair is the upper estimate services budget with.
     */
    public static final int PEAK_BYTES_PER_PAIR = 32;

    /** A stop condition that never holds. */
    static final BooleanSupplier NEVER = () -> false;

    private final SinkhornOptions options;
    private final ParallelLoop rows;
    private final BooleanSupplier stop;

    /** A solver that runs every solve on the calling thread. */
    public SinkhornSolver(SinkhornOptions options) {
        this(options, null, 1);
    }

    /**
     * A solver that runs the kernel builds and products of large solves (at least
     * {@value #ROW_PARALLEL_MIN_ENTRIES} cost entries) over blocks of rows, on the calling
     * thread and up to {@code parallelism - 1} tasks of {@code pool}. Blocks are fixed, so
     * results do not depend on the number of threads; they differ from those of a solver
     * without a pool by rounding only. {@code pool} may be null (no parallelism); a saturated
     * pool slows solves down but cannot deadlock them.
     */
    public SinkhornSolver(SinkhornOptions options, Executor pool, int parallelism) {
        this(options, pool == null ? null : new ParallelLoop(pool, parallelism), NEVER);
    }

    private SinkhornSolver(SinkhornOptions options, ParallelLoop rows, BooleanSupplier stop) {
        this.options = options;
        this.rows = rows;
        this.stop = stop;
    }

    /**
     * This solver, except that its solves give up as soon as {@code stop} answers true: it is
     * polled once per iteration, and a solve that sees it true throws
     * {@link CancellationException}. For work that may be cancelled or has a deadline.
     */
    public SinkhornSolver stoppingWhen(BooleanSupplier stop) {
        return new SinkhornSolver(options, rows, stop);
    }

    private ParallelLoop rowsFor(int n, int m) {
        return (long) n * m >= ROW_PARALLEL_MIN_ENTRIES ? rows : null;
    }

    /**
     * An upper estimate of the heap a solve holds at its peak: {@link #PEAK_BYTES_PER_PAIR}
     * per pair for the largest of the problems {@code OT(mu, nu)}, {@code OT(mu, mu)},
     * {@code OT(nu, nu)} between clouds of {@code n} and {@code m} points.
     */
    public static long peakBytes(int n, int m) {
        long largest = Math.max((long) n * m, (long) Math.max(n, m) * Math.max(n, m));
        return PEAK_BYTES_PER_PAIR * largest;
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
        TransportResult core = new TwoSidedSinkhorn(c, source.measure, target.measure, eps,
                true, rowsFor(source.measure.size(), target.measure.size())).run(g, options, stop);
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
        SelfTransportResult core = new SelfSinkhorn(c, s, eps, true, rowsFor(s.size(), s.size()))
                .run(p, options, stop);
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

    /** Iterations at one epsilon until a tolerance or a cap; answers the marginal error. */
    interface Level {
        double converge(double eps, double tolerance, int maxIterations);
    }

    /** Runs the intermediate annealing levels of a cold start, from {@code maxCost} down. */
    static void anneal(double maxCost, double targetEps, double scaling, Level level) {
        for (double e : annealingLevels(maxCost, targetEps, scaling)) {
            level.converge(e, ANNEALING_TOLERANCE, ANNEALING_MAX_ITERATIONS);
        }
    }

    /** The annealing schedule: {@code eps_0 = max C}, times {@code scaling^2} while above eps. */
    static double[] annealingLevels(double maxCost, double eps, double scaling) {
        if (!Double.isFinite(maxCost)) {
            throw new IllegalArgumentException("squared distances between the points overflow "
                    + "double precision (largest cost " + maxCost + "); scale the coordinates down");
        }
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

    /** Marginal error at which an intermediate annealing level hands over to the next. */
    static final double ANNEALING_TOLERANCE = 1e-2;
    /** Cap on iterations at an intermediate annealing level. */
    static final int ANNEALING_MAX_ITERATIONS = 20;
    /** Scalings beyond {@code e^+-30} are absorbed into the potentials. */
    static final double ABSORB_LOG_BOUND = 30.0;

    static boolean outOfBounds(double[] scaling, double logBound) {
        double low = Math.exp(-logBound);
        double high = Math.exp(logBound);
        for (double x : scaling) {
            if (!(x > low && x < high)) {
                return true;
            }
        }
        return false;
    }
}
