package io.shkmemory.engine;

/**
 * The symmetric dual solution of {@code OT_eps(mu, mu)}: one potential {@code p} with
 * {@code OT_eps(mu, mu) = 2 <a, p>}.
 *
 * @param p             the symmetric potential, one value per point of {@code mu}
 * @param epsilon       the entropic regularisation it was solved at
 * @param value         {@code OT_eps(mu, mu)}
 * @param iterations    averaged updates over all annealing levels
 * @param marginalError L1 error of the marginal of the plan built from {@code p}
 * @param converged     whether {@code marginalError} reached the requested tolerance
 */
public record SelfTransportResult(double[] p, double epsilon, double value, int iterations,
                                  double marginalError, boolean converged) {
}
