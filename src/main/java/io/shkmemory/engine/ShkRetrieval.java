package io.shkmemory.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * SHK retrieval: energy descent of a query measure over the debiased Sinkhorn divergence to K
 * stored patterns (DESIGN.md section 1, "SHK retrieval" and "Step control").
 *
 * <p>Notation: the query state is {@code mu = (a, x)} with {@code n} points; pattern {@code k} is
 * {@code xi_k = (b_k, y_k)}. At each state the engine solves {@code OT_eps(mu, mu)} (potential
 * {@code p}) and {@code OT_eps(mu, xi_k)} (potentials {@code f_k} on the query side, {@code g_k}
 * on the pattern side), and forms
 * <pre>
 *   S_k        = <a, f_k - p> + <b_k, g_k - q_k>
 *   E          = -(1/beta) log sum_k exp(-beta S_k),   w = softmax(-beta S)
 *   Phi        = sum_k w_k (f_k - p)                    (first variation, centred under a)
 *   grad Phi   = T_self - sum_k w_k T_k                 (barycentric maps)
 * </pre>
 * and steps {@code x <- x - tau grad Phi} (transport) and {@code a <- a exp(-eta Phi) / Z}
 * (reweighting). Each step of the descent tries the transport step, then the reweighting from
 * wherever that left, each accepted only if it does not raise {@code E}. The two are controlled
 * apart because they are stiff in different ways (the stable {@code eta} scales with epsilon,
 * while {@code tau = 1} is the barycentric projection): a rejection halves {@code tau} or
 * quarters {@code eta}, an acceptance grows it by half, up to the requested
 * {@code transportStep} and {@code weightStep}.
 *
 * <p>Candidate stage. For the cost {@code |x - y|^2 / 2}, translating a measure by {@code t}
 * adds {@code <t, mean difference> + |t|^2 / 2} to every coupling's cost, so
 * {@code S_eps(mu, xi) = S_eps(centred mu, centred xi) + |mean(mu) - mean(xi)|^2 / 2}, and the
 * second term is a lower bound {@code L_k} of {@code S_k}. Patterns are solved in order of
 * {@code L_k}; those with {@code beta (L_k - S_best) > 40 + log K} are left out, which bounds
 * their total responsibility by {@code e^-40}. This is exact pruning, not a heuristic.
 *
 * <p>Parallelism: solves for different patterns run on the pool passed in; every pattern
 * writes its own slot and all reductions run in a fixed order, so results are identical for
 * any number of threads.
 */
public final class ShkRetrieval {

    /** {@code beta (L_k - S_best)} beyond which a pattern's responsibility is below e^-40. */
    static final double PRUNE_MARGIN = 40.0;
    /** Patterns solved exactly at the final state at least, so that matches can be reported. */
    static final int MIN_EXACT_MATCHES = 32;
    /** Patterns solved first at every state, before the pruning bound is known. */
    static final int FIRST_BATCH = 8;
    /** Responsibilities below this are left out of the gradient (their effect is below it). */
    static final double GRADIENT_WEIGHT_FLOOR = 1e-17;
    /** Relative step below which no descent is possible at the solver's accuracy. */
    static final double MIN_RELATIVE_STEP = 1e-9;
    /**
     * Relative weight step below which reweighting is given up for the rest of the run: the
     * weight direction is stiff (the curvature of OT_eps in the weights grows like the inverse
     * of the smallest eigenvalue of the Sinkhorn Hessian), so on noisy queries only small
     * weight steps lower E, and retrying them costs a full evaluation each.
     */
    static final double MIN_RELATIVE_WEIGHT_STEP = 1e-4;
    private static final double GROW = 1.5;
    private static final double SHRINK = 0.5;
    /** Weight steps shrink faster: most rejections come from the stiff weight direction. */
    private static final double WEIGHT_SHRINK = 0.25;

    private final SinkhornSolver solver;
    private final ParallelLoop loop;
    private final int parallelism;

    /** Sequential retrieval on the calling thread. */
    public ShkRetrieval(SinkhornSolver solver) {
        this(solver, null, 1);
    }

    /** Retrieval over patterns in parallel on {@code pool}, using as many threads as cores. */
    public ShkRetrieval(SinkhornSolver solver, Executor pool) {
        this(solver, pool, Runtime.getRuntime().availableProcessors());
    }

    /** Retrieval over patterns in parallel on {@code pool} with at most {@code parallelism} threads. */
    public ShkRetrieval(SinkhornSolver solver, Executor pool, int parallelism) {
        this.solver = solver;
        this.parallelism = pool == null ? 1 : Math.max(1, parallelism);
        this.loop = new ParallelLoop(pool, this.parallelism);
    }

    public SinkhornSolver solver() {
        return solver;
    }

    /**
     * Runs the descent from {@code query}.
     *
     * @param cancelled polled between solves; when it turns true the best state so far is
     *                  returned with {@link StopReason#CANCELLED}
     * @throws CancellationException if cancelled before the query itself was evaluated
     * @throws IllegalArgumentException if there are no patterns or dimensions differ
     */
    public RetrievalResult retrieve(Measure query, List<Pattern> patterns,
                                    RetrievalOptions options, BooleanSupplier cancelled) {
        checkPatterns(query, patterns);
        Run run = new Run(patterns, options, cancelled);
        return run.descend(query);
    }

    /** The energy of {@code query} over the patterns, without any step. */
    public Energy energy(Measure query, List<Pattern> patterns, double eps, double beta) {
        checkPatterns(query, patterns);
        RetrievalOptions options = RetrievalOptions.defaults().withEpsilon(eps).withBeta(beta)
                .withMaxSteps(0);
        RetrievalResult r = new Run(patterns, options, null).descend(query);
        return new Energy(r.initialEnergy(), r.responsibilities(), r.divergences());
    }

    /** {@code S_eps(query, xi_k)} for every pattern, solved exactly. */
    public double[] divergences(Measure query, List<Pattern> patterns, double eps) {
        checkPatterns(query, patterns);
        SelfTransportResult p = solver.solveSelf(query, eps);
        double[] s = new double[patterns.size()];
        loop.run(patterns.size(), k -> {
            Pattern pattern = patterns.get(k);
            TransportResult fg = solver.solve(query, pattern.measure(), eps);
            s[k] = divergence(query, pattern.measure(), fg, p.p(),
                    pattern.selfPotential(solver, eps).p());
        });
        return s;
    }

    /**
     * The {@code topK} patterns closest to {@code query} in {@code S_eps}, closest first. Exact:
     * patterns are solved in order of the lower bound {@code L_k} until the next bound exceeds
     * the {@code topK}-th divergence found.
     */
    public List<Match> search(Measure query, List<Pattern> patterns, double eps, int topK) {
        return search(query, patterns, eps, topK, SinkhornSolver.NEVER);
    }

    /**
     * {@link #search(Measure, List, double, int)}, giving up when {@code cancelled} turns true.
     *
     * @param cancelled polled once per Sinkhorn iteration
     * @throws CancellationException when cancelled
     */
    public List<Match> search(Measure query, List<Pattern> patterns, double eps, int topK,
                              BooleanSupplier cancelled) {
        checkPatterns(query, patterns);
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, was " + topK);
        }
        SinkhornSolver cancellable = solver.stoppingWhen(cancelled);
        SelfTransportResult p = cancellable.solveSelf(query, eps);
        double[] bound = lowerBounds(query, patterns);
        Integer[] order = orderBy(bound);
        double[] s = new double[patterns.size()];
        Arrays.fill(s, Double.NaN);
        List<Match> found = new ArrayList<>();
        int batch = Math.max(topK, 2 * parallelism);
        int next = 0;
        while (next < order.length) {
            if (found.size() >= topK && bound[order[next]] > found.get(topK - 1).divergence()) {
                break;
            }
            int from = next;
            int to = Math.min(order.length, next + batch);
            loop.run(to - from, t -> {
                int k = order[from + t];
                Pattern pattern = patterns.get(k);
                TransportResult fg = cancellable.solve(query, pattern.measure(), eps);
                s[k] = divergence(query, pattern.measure(), fg, p.p(),
                        pattern.selfPotential(cancellable, eps).p());
            });
            for (int t = from; t < to; t++) {
                found.add(new Match(order[t], s[order[t]], Double.NaN));
            }
            found.sort(Comparator.comparingDouble(Match::divergence));
            next = to;
        }
        return List.copyOf(found.subList(0, Math.min(topK, found.size())));
    }

    private static void checkPatterns(Measure query, List<Pattern> patterns) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("patterns must not be empty");
        }
        for (Pattern pattern : patterns) {
            SinkhornSolver.checkSameDimension(query, pattern.measure());
        }
    }

    static double divergence(Measure mu, Measure nu, TransportResult fg, double[] p, double[] q) {
        double value = 0;
        for (int i = 0; i < mu.size(); i++) {
            value += mu.weight(i) * (fg.f()[i] - p[i]);
        }
        for (int j = 0; j < nu.size(); j++) {
            value += nu.weight(j) * (fg.g()[j] - q[j]);
        }
        return value;
    }

    /** {@code L_k = |mean(query) - mean(xi_k)|^2 / 2 <= S_eps(query, xi_k)}. */
    static double[] lowerBounds(Measure query, List<Pattern> patterns) {
        double[] mq = Pattern.mean(query);
        double[] bound = new double[patterns.size()];
        for (int k = 0; k < bound.length; k++) {
            double[] mk = patterns.get(k).mean();
            double s = 0;
            for (int c = 0; c < mq.length; c++) {
                s += (mq[c] - mk[c]) * (mq[c] - mk[c]);
            }
            bound[k] = 0.5 * s;
        }
        return bound;
    }

    private static Integer[] orderBy(double[] key) {
        Integer[] order = new Integer[key.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> key[k]).thenComparingInt(k -> k));
        return order;
    }

    /** Thrown inside a run when its deadline passes or it is cancelled mid-evaluation. */
    private static final class Interrupted extends RuntimeException {
        final StopReason reason;

        Interrupted(StopReason reason) {
            super(reason.wireName(), null, false, false);
            this.reason = reason;
        }
    }

    /** One retrieval: warm starts, deadline and bookkeeping. */
    private final class Run {
        private final List<Pattern> patterns;
        private final RetrievalOptions options;
        private final BooleanSupplier cancelled;
        /** The retrieval's solver, cut short by a cancellation or the deadline. */
        private final SinkhornSolver solver;
        private final double eps;
        private final double beta;
        private final long deadline;
        private final double[][] warmG;
        private double[] warmP;
        private long sinkhornIterations;
        private volatile boolean interruptible;

        Run(List<Pattern> patterns, RetrievalOptions options, BooleanSupplier cancelled) {
            this.patterns = patterns;
            this.options = options;
            this.cancelled = cancelled == null ? SinkhornSolver.NEVER : cancelled;
            this.solver = ShkRetrieval.this.solver.stoppingWhen(this::mustStop);
            this.eps = options.epsilon();
            this.beta = options.beta();
            this.deadline = options.timeoutMillis() > 0
                    ? System.nanoTime() + options.timeoutMillis() * 1_000_000L : Long.MAX_VALUE;
            this.warmG = new double[patterns.size()][];
        }

        RetrievalResult descend(Measure query) {
            Evaluation current = evaluateOrCancel(query);
            double initialEnergy = current.energy;
            double tauMax = options.transportStep();
            double etaMax = options.weightStep();
            double tau = tauMax;
            double eta = etaMax;
            List<TraceEntry> trace = new ArrayList<>();
            if (options.includeTrace()) {
                trace.add(new TraceEntry(0, current.energy, tau, eta));
            }
            interruptible = true;

            int steps = 0;
            int rejected = 0;
            StopReason reason = isStationary(current, tauMax, etaMax)
                    ? StopReason.CONVERGED : StopReason.MAX_STEPS;
            while (reason == StopReason.MAX_STEPS && steps < options.maxSteps()) {
                double before = current.energy;
                boolean moved = false;
                try {
                    Evaluation moveStep = attempt(current, tau, 0);
                    if (moveStep != null) {
                        current = moveStep;
                        moved = true;
                        tau = Math.min(tauMax, tau * GROW);
                    } else {
                        rejected++;
                        tau *= SHRINK;
                    }
                    if (eta > 0) {
                        Evaluation weightStep = attempt(current, 0, eta);
                        if (weightStep != null) {
                            current = weightStep;
                            moved = true;
                            eta = Math.min(etaMax, eta * GROW);
                        } else {
                            rejected++;
                            eta *= WEIGHT_SHRINK;
                            if (eta < MIN_RELATIVE_WEIGHT_STEP * etaMax) {
                                eta = 0;
                            }
                        }
                    }
                } catch (Interrupted e) {
                    reason = e.reason;
                    break;
                }
                if (moved) {
                    steps++;
                    if (options.includeTrace()) {
                        trace.add(new TraceEntry(steps, current.energy, tau, eta));
                    }
                }
                boolean stalled = tau < MIN_RELATIVE_STEP * tauMax && eta == 0;
                if (stalled || (moved && before - current.energy <= options.tolerance()
                        && isStationary(current, tauMax, eta))) {
                    // Stalled: no step of any size lowers E at the solver's accuracy.
                    reason = StopReason.CONVERGED;
                }
            }
            try {
                topUp(current);
            } catch (Interrupted e) {
                // Past the deadline: report the matches solved so far.
            }
            return current.result(steps, rejected, reason, initialEnergy, trace,
                    sinkhornIterations);
        }

        /** The state after one step if it does not raise the energy, else null. */
        private Evaluation attempt(Evaluation from, double tau, double eta) {
            StopReason pending = pendingStop();
            if (pending != null) {
                throw new Interrupted(pending);
            }
            Evaluation candidate = evaluate(from.step(tau, eta));
            return candidate.energy <= from.energy ? candidate : null;
        }

        private StopReason pendingStop() {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return StopReason.CANCELLED;
            }
            return System.nanoTime() > deadline ? StopReason.TIMEOUT : null;
        }

        /**
         * Whether a solve in progress should give up: at any pending stop once the descent has
         * begun, and only when cancelled while the query itself is being evaluated.
         */
        private boolean mustStop() {
            return interruptible ? pendingStop() != null : cancelled.getAsBoolean();
        }

        /** A solve that {@link #mustStop()} cut short, as the interruption it stands for. */
        private RuntimeException stopped(CancellationException e) {
            StopReason pending = interruptible ? pendingStop() : null;
            return pending != null ? new Interrupted(pending) : e;
        }

        private void checkInterruption() {
            if (interruptible) {
                StopReason pending = pendingStop();
                if (pending != null) {
                    throw new Interrupted(pending);
                }
            } else if (cancelled.getAsBoolean()) {
                throw new CancellationException("retrieval cancelled before the query was evaluated");
            }
        }

        private Evaluation evaluateOrCancel(Measure query) {
            try {
                return evaluate(query);
            } catch (Interrupted e) {
                throw new CancellationException("retrieval stopped before the query was evaluated");
            }
        }

        /**
         * Whether a step of the largest transport size and the current weight size would
         * change the state by less than the tolerance.
         */
        private boolean isStationary(Evaluation e, double tauMax, double etaMax) {
            double tol = options.tolerance();
            return tauMax * e.gradientNorm() <= tol && e.weightChange(etaMax) <= tol;
        }

        /** Solves everything the energy and its derivatives need at {@code state}. */
        Evaluation evaluate(Measure state) {
            checkInterruption();
            SelfTransportResult self;
            try {
                self = solver.solveSelf(state, eps, sameSize(warmP, state));
            } catch (CancellationException e) {
                throw stopped(e);
            }
            warmP = self.p();
            sinkhornIterations += self.iterations();

            Evaluation e = new Evaluation(state, self.p(), patterns.size());
            double[] bound = lowerBounds(state, patterns);
            Integer[] order = orderBy(bound);
            int first = Math.min(order.length, Math.max(FIRST_BATCH, 2 * parallelism));
            solve(e, order, 0, first);
            double best = e.smallestDivergence();
            double cut = best + (PRUNE_MARGIN + Math.log(patterns.size())) / beta;
            int last = first;
            while (last < order.length && bound[order[last]] <= cut) {
                last++;
            }
            solve(e, order, first, last);
            e.order = order;
            e.solvedInOrder = last;
            e.finish();
            return e;
        }

        /**
         * Solves the next patterns by lower bound at the final state until at least
         * {@code min(K, MIN_EXACT_MATCHES)} are known, for reporting. They lie beyond the pruning
         * bound, so their responsibilities (below e^-40 in all) are computed against the
         * normaliser of the energy, which they leave unchanged.
         */
        void topUp(Evaluation e) {
            int target = Math.min(e.order.length, MIN_EXACT_MATCHES);
            if (e.solvedInOrder >= target) {
                return;
            }
            solve(e, e.order, e.solvedInOrder, target);
            for (int t = e.solvedInOrder; t < target; t++) {
                int k = e.order[t];
                e.responsibilities[k] = Math.exp(-beta * (e.divergences[k] - e.energy));
            }
            e.solvedInOrder = target;
        }

        private void solve(Evaluation e, Integer[] order, int from, int to) {
            if (to <= from) {
                return;
            }
            long[] iterations = new long[to - from];
            loop.run(to - from, t -> {
                checkInterruption();
                int k = order[from + t];
                Pattern pattern = patterns.get(k);
                SelfTransportResult q;
                TransportResult fg;
                try {
                    q = pattern.selfPotential(solver, eps);
                    fg = solver.solve(e.state, pattern.measure(), eps,
                            sameSize(warmG[k], pattern.measure()));
                } catch (CancellationException stop) {
                    throw stopped(stop);
                }
                warmG[k] = fg.g();
                e.f[k] = fg.f();
                e.g[k] = fg.g();
                e.divergences[k] = divergence(e.state, pattern.measure(), fg, e.p, q.p());
                iterations[t] = fg.iterations();
            });
            for (long it : iterations) {
                sinkhornIterations += it;
            }
        }

        private double[] sameSize(double[] warm, Measure mu) {
            return warm != null && warm.length == mu.size() ? warm : null;
        }

        /** The energy, responsibilities and derivatives at one state. */
        private final class Evaluation {
            final Measure state;
            final double[] p;
            final double[][] f;
            final double[][] g;
            final double[] divergences;
            final double[] responsibilities;
            Integer[] order;
            int solvedInOrder;
            double energy;
            double[] phi;
            double[] gradient;

            Evaluation(Measure state, double[] p, int patternCount) {
                this.state = state;
                this.p = p;
                this.f = new double[patternCount][];
                this.g = new double[patternCount][];
                this.divergences = new double[patternCount];
                this.responsibilities = new double[patternCount];
                Arrays.fill(divergences, Double.NaN);
            }

            double smallestDivergence() {
                double best = Double.POSITIVE_INFINITY;
                for (double s : divergences) {
                    if (s < best) {
                        best = s;
                    }
                }
                return best;
            }

            /** Energy and responsibilities over the solved patterns, then Phi and grad Phi. */
            void finish() {
                double best = smallestDivergence();
                double sum = 0;
                for (int k = 0; k < divergences.length; k++) {
                    if (!Double.isNaN(divergences[k])) {
                        responsibilities[k] = Math.exp(-beta * (divergences[k] - best));
                        sum += responsibilities[k];
                    }
                }
                for (int k = 0; k < divergences.length; k++) {
                    responsibilities[k] /= sum;
                }
                energy = best - Math.log(sum) / beta;

                int n = state.size();
                int d = state.dimension();
                phi = new double[n];
                gradient = Transport.barycentricMap(state, state, p, eps);
                for (int k = 0; k < divergences.length; k++) {
                    double w = responsibilities[k];
                    if (w <= GRADIENT_WEIGHT_FLOOR) {
                        continue;
                    }
                    double[] map = Transport.barycentricMap(state, patterns.get(k).measure(),
                            g[k], eps);
                    for (int idx = 0; idx < n * d; idx++) {
                        gradient[idx] -= w * map[idx];
                    }
                    for (int i = 0; i < n; i++) {
                        phi[i] += w * (f[k][i] - p[i]);
                    }
                }
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += state.weight(i) * phi[i];
                }
                for (int i = 0; i < n; i++) {
                    phi[i] -= mean;
                }
            }

            /** {@code sqrt(sum_i a_i |grad Phi(x_i)|^2)}. */
            double gradientNorm() {
                int d = state.dimension();
                double s = 0;
                for (int i = 0; i < state.size(); i++) {
                    double r = 0;
                    for (int c = 0; c < d; c++) {
                        r += gradient[i * d + c] * gradient[i * d + c];
                    }
                    s += state.weight(i) * r;
                }
                return Math.sqrt(s);
            }

            /** L1 change of the weights under a weight step {@code eta}. */
            double weightChange(double eta) {
                if (eta == 0) {
                    return 0;
                }
                double[] next = reweighted(eta);
                double change = 0;
                for (int i = 0; i < next.length; i++) {
                    change += Math.abs(next[i] - state.weight(i));
                }
                return change;
            }

            /** {@code a_i exp(-eta Phi_i) / Z}, in the log domain. */
            double[] reweighted(double eta) {
                int n = state.size();
                double[] logA = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    logA[i] = Math.log(state.weight(i)) - eta * phi[i];
                    max = Math.max(max, logA[i]);
                }
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    logA[i] = Math.exp(logA[i] - max);
                    sum += logA[i];
                }
                for (int i = 0; i < n; i++) {
                    logA[i] /= sum;
                }
                return logA;
            }

            /** The candidate {@code (a exp(-eta Phi) / Z, x - tau grad Phi)}. */
            Measure step(double tau, double eta) {
                double[] x = state.x();
                double[] moved = new double[x.length];
                for (int idx = 0; idx < x.length; idx++) {
                    moved[idx] = x[idx] - tau * gradient[idx];
                }
                double[] weights = eta == 0 ? state.a() : reweighted(eta);
                return Measure.ofRowMajor(state.dimension(), moved, weights);
            }

            RetrievalResult result(int steps, int rejected, StopReason reason,
                                   double initialEnergy, List<TraceEntry> trace,
                                   long iterations) {
                List<Match> matches = new ArrayList<>();
                for (int k = 0; k < divergences.length; k++) {
                    if (!Double.isNaN(divergences[k])) {
                        matches.add(new Match(k, divergences[k], responsibilities[k]));
                    }
                }
                matches.sort(Comparator.comparingDouble((Match m) -> -m.responsibility())
                        .thenComparingDouble(Match::divergence));
                return new RetrievalResult(state, responsibilities.clone(), divergences.clone(),
                        List.copyOf(matches), steps, rejected, reason == StopReason.CONVERGED,
                        reason, initialEnergy, energy, List.copyOf(trace), iterations);
            }
        }
    }
}
