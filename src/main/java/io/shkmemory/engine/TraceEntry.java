package io.shkmemory.engine;

/**
 * One accepted state of a retrieval: step 0 is the query itself.
 *
 * @param step          accepted steps so far
 * @param energy        {@code E} at this state
 * @param transportStep the transport step {@code tau} that will be tried next
 * @param weightStep    the weight step {@code eta} that will be tried next
 */
public record TraceEntry(int step, double energy, double transportStep, double weightStep) {
}
