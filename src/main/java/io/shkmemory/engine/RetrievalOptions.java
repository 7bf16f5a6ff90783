package io.shkmemory.engine;

/**
 * Parameters of an SHK retrieval (DESIGN.md section 1).
 *
 * @param epsilon       entropic regularisation of every Sinkhorn divergence, in squared units
 *                      of the data
 * @param beta          inverse temperature of the energy; responsibilities are
 *                      {@code softmax(-beta S_eps)}
 * @param transportStep initial and largest transport step {@code tau}; 1 moves each point to
 *                      its barycentric target
 * @param weightStep    initial and largest weight step {@code eta}; 0 keeps the query's weights
 *                      (positions-only ablation)
 * @param maxSteps      cap on accepted steps
 * @param tolerance     convergence threshold, applied to the energy decrease of the last step,
 *                      to the weighted RMS displacement a full transport step would make and to
 *                      the L1 weight change a full weight step would make
 * @param timeoutMillis wall-clock budget; 0 means none. On expiry the best state so far is
 *                      returned with {@link StopReason#TIMEOUT}
 * @param includeTrace  whether to record every accepted state
 */
public record RetrievalOptions(double epsilon, double beta, double transportStep,
                               double weightStep, int maxSteps, double tolerance,
                               long timeoutMillis, boolean includeTrace) {

    public RetrievalOptions {
        positive("epsilon", epsilon);
        positive("beta", beta);
        positive("transportStep", transportStep);
        if (!(weightStep >= 0) || !Double.isFinite(weightStep)) {
            throw new IllegalArgumentException("weightStep must be >= 0 and finite, was "
                    + weightStep);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be >= 0, was " + maxSteps);
        }
        positive("tolerance", tolerance);
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis must be >= 0, was " + timeoutMillis);
        }
    }

    /**
     * epsilon 0.05, beta 100, transportStep 1, weightStep 0.05, maxSteps 100, tolerance 1e-4,
     * no timeout, no trace. docs/engine.md gives the reasons.
     */
    public static RetrievalOptions defaults() {
        return new RetrievalOptions(0.05, 100.0, 1.0, 0.05, 100, 1e-4, 0, false);
    }

    public RetrievalOptions withEpsilon(double value) {
        return new RetrievalOptions(value, beta, transportStep, weightStep, maxSteps, tolerance,
                timeoutMillis, includeTrace);
    }

    public RetrievalOptions withBeta(double value) {
        return new RetrievalOptions(epsilon, value, transportStep, weightStep, maxSteps, tolerance,
                timeoutMillis, includeTrace);
    }

    public RetrievalOptions withTransportStep(double value) {
        return new RetrievalOptions(epsilon, beta, value, weightStep, maxSteps, tolerance,
                timeoutMillis, includeTrace);
    }

    public RetrievalOptions withWeightStep(double value) {
        return new RetrievalOptions(epsilon, beta, transportStep, value, maxSteps, tolerance,
                timeoutMillis, includeTrace);
    }

    public RetrievalOptions withMaxSteps(int value) {
        return new RetrievalOptions(epsilon, beta, transportStep, weightStep, value, tolerance,
                timeoutMillis, includeTrace);
    }

    public RetrievalOptions withTolerance(double value) {
        return new RetrievalOptions(epsilon, beta, transportStep, weightStep, maxSteps, value,
                timeoutMillis, includeTrace);
    }

    public RetrievalOptions withTimeoutMillis(long value) {
        return new RetrievalOptions(epsilon, beta, transportStep, weightStep, maxSteps, tolerance,
                value, includeTrace);
    }

    public RetrievalOptions withIncludeTrace(boolean value) {
        return new RetrievalOptions(epsilon, beta, transportStep, weightStep, maxSteps, tolerance,
                timeoutMillis, value);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, was " + value);
        }
    }
}
