package io.shkmemory.engine;

import java.util.List;

/**
 * The outcome of an SHK retrieval.
 *
 * @param state              the final query measure (moved points, reweighted weights)
 * @param responsibilities   {@code w_k} at the final state, one per pattern; 0 for patterns the
 *                           lower bound ruled out (their total is below {@code 1e-15})
 * @param divergences        {@code S_eps(state, xi_k)}; {@code NaN} for ruled-out patterns
 * @param matches            every pattern solved exactly at the final state (at least
 *                           {@code min(K, 32)}), by responsibility then divergence
 * @param steps              accepted steps
 * @param rejectedSteps      candidate steps rejected because they raised the energy
 * @param converged          whether the stop was {@link StopReason#CONVERGED}
 * @param stopReason         why it stopped
 * @param initialEnergy      {@code E} of the query
 * @param finalEnergy        {@code E} of the final state
 * @param trace              accepted states, when asked for; empty otherwise
 * @param sinkhornIterations sweeps at the target epsilon over all solves of the retrieval
 */
public record RetrievalResult(Measure state, double[] responsibilities, double[] divergences,
                              List<Match> matches, int steps, int rejectedSteps,
                              boolean converged, StopReason stopReason, double initialEnergy,
                              double finalEnergy, List<TraceEntry> trace,
                              long sinkhornIterations) {

    /** Index of the most responsible pattern: the recalled one. */
    public int best() {
        return matches.get(0).index();
    }
}
