package io.shkmemory.experiments;

import java.util.List;

/**
 * What one method made of one query.
 *
 * @param method           the method
 * @param truth            the pattern the query was made from
 * @param recalled         the pattern the method recalled
 * @param steps            accepted steps of the dynamics (0 for nearest by S_eps)
 * @param converged        whether the dynamics stopped on its tolerance
 * @param divergenceBefore {@code S_eps(query, true pattern)}
 * @param divergenceAfter  {@code S_eps(final state, true pattern)}; the final state of the
 *                         Hopfield baseline is read as a uniformly weighted cloud
 * @param energyBefore     the method's energy at the query (NaN without dynamics)
 * @param energyAfter      the method's energy at the final state
 * @param energyRose       whether any accepted step raised the energy
 * @param millis           wall-clock time of the recall
 * @param energies         the energy at every accepted state, the query first (empty without
 *                         dynamics)
 */
record Outcome(Method method, int truth, int recalled, int steps, boolean converged,
               double divergenceBefore, double divergenceAfter, double energyBefore,
               double energyAfter, boolean energyRose, double millis,
               List<Double> energies) {

    boolean correct() {
        return truth == recalled;
    }
}
