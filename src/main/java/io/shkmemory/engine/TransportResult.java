package io.shkmemory.engine;

/**
 * The dual solution of {@code OT_eps(mu, nu)}.
 *
 * @param f              potential on the source side, one value per point of {@code mu}
 * @param g              potential on the target side, one value per point of {@code nu}
 * @param epsilon        the entropic regularisation it was solved at
 * @param value          {@code OT_eps = <a, f> + <b, g>}
 * @param iterations     iterations (sweeps or Newton steps) over all annealing levels
 * @param marginalError  L1 error of the column marginal of the returned plan (rows are exact)
 * @param converged      whether {@code marginalError} reached the requested tolerance
 */
public record TransportResult(double[] f, double[] g, double epsilon, double value,
                              int iterations, double marginalError, boolean converged) {
}
