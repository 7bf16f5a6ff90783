package io.shkmemory.engine;

/**
 * Computes the debiased Sinkhorn divergence and its derivatives with respect to the first
 * measure (DESIGN.md section 1).
 *
 * <p>With {@code (f, g)} the potentials of {@code OT_eps(mu, nu)} and {@code p} the symmetric
 * potential of {@code OT_eps(mu, mu)}:
 * <ul>
 *   <li>{@code dS/dx_i = a_i (T_self(x_i) - T_nu(x_i))}, the position gradient;</li>
 *   <li>{@code dS/da . v = (f - p) . v} along directions with {@code sum v = 0}, so the
 *       centred first variation is {@code (f - p) - <a, f - p>}.</li>
 * </ul>
 */
public final class SinkhornDivergence {

    private final SinkhornSolver solver;

    public SinkhornDivergence(SinkhornSolver solver) {
        this.solver = solver;
    }

    public Divergence compute(Measure mu, Measure nu, double eps) {
        SinkhornSolver.checkSameDimension(mu, nu);
        TransportResult fg = solver.solve(mu, nu, eps);
        SelfTransportResult p = solver.solveSelf(mu, eps);
        SelfTransportResult q = solver.solveSelf(nu, eps);
        return of(mu, nu, fg, p, q);
    }

    /** Assembles the divergence from three solves already made. */
    public static Divergence of(Measure mu, Measure nu, TransportResult fg, SelfTransportResult p,
                                SelfTransportResult q) {
        double value = 0;
        for (int i = 0; i < mu.size(); i++) {
            value += mu.weight(i) * (fg.f()[i] - p.p()[i]);
        }
        for (int j = 0; j < nu.size(); j++) {
            value += nu.weight(j) * (fg.g()[j] - q.p()[j]);
        }
        return new Divergence(value, fg, p, q);
    }

    /** {@code dS/dx_i = a_i (T_self(x_i) - T_nu(x_i))}, row-major {@code n x d}. */
    public static double[] positionGradient(Measure mu, Measure nu, Divergence s) {
        double eps = s.sourceTarget().epsilon();
        double[] self = Transport.barycentricMap(mu, mu, s.sourceSelf().p(), eps);
        double[] cross = Transport.barycentricMap(mu, nu, s.sourceTarget().g(), eps);
        int d = mu.dimension();
        double[] grad = new double[self.length];
        for (int idx = 0; idx < grad.length; idx++) {
            grad[idx] = mu.weight(idx / d) * (self[idx] - cross[idx]);
        }
        return grad;
    }

    /** The first variation {@code (f - p) - <a, f - p>}, centred so that it sums to 0 under a. */
    public static double[] centredFirstVariation(Measure mu, Divergence s) {
        int n = mu.size();
        double[] phi = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            phi[i] = s.sourceTarget().f()[i] - s.sourceSelf().p()[i];
            mean += mu.weight(i) * phi[i];
        }
        for (int i = 0; i < n; i++) {
            phi[i] -= mean;
        }
        return phi;
    }
}
