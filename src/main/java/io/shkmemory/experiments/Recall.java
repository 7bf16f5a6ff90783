package io.shkmemory.experiments;

import java.util.List;

import io.shkmemory.engine.HopfieldBaseline;
import io.shkmemory.engine.Measure;
import io.shkmemory.engine.Pattern;
import io.shkmemory.engine.RetrievalOptions;
import io.shkmemory.engine.RetrievalResult;
import io.shkmemory.engine.ShkRetrieval;
import io.shkmemory.engine.SinkhornDivergence;
import io.shkmemory.engine.SinkhornSolver;
import io.shkmemory.engine.TraceEntry;

/**
 * Runs each {@link Method} on a query against one memory, on the calling thread, and checks
 * that the energy of the dynamics never rose. Thread-safe: queries may run in parallel.
 */
final class Recall {

    /**
     * Energy rise tolerated between accepted states, relative to {@code max(1, |E|)}: the
     * rounding of a converged energy evaluation, not a step that went uphill.
     */
    static final double ENERGY_SLACK = 1e-12;

    private final SinkhornSolver solver;
    private final ShkRetrieval retrieval;
    private final Settings settings;

    /**
     * @param shk               options of SHK retrieval (positions-only uses weightStep 0)
     * @param hopfieldBeta      inverse temperature of the Euclidean baseline on flattened
     *                          clouds, or NaN for {@code shk.beta() / n}, the same temperature
     *                          per unit of mean per-point half squared distance
     * @param hopfieldMaxSteps  update cap of the baseline
     * @param hopfieldTolerance RMS per-point move under which the baseline stops
     */
    record Settings(RetrievalOptions shk, double hopfieldBeta, int hopfieldMaxSteps,
                    double hopfieldTolerance) {

        double hopfieldBeta(int points) {
            return Double.isNaN(hopfieldBeta) ? shk.beta() / points : hopfieldBeta;
        }
    }

    /** A memory in the three forms the methods need. */
    record Memory(List<Measure> clouds, List<Pattern> patterns, HopfieldBaseline hopfield) {

        static Memory of(List<Measure> clouds) {
            return new Memory(clouds, clouds.stream().map(Pattern::new).toList(),
                    new HopfieldBaseline(clouds));
        }
    }

    Recall(SinkhornSolver solver, Settings settings) {
        this.solver = solver;
        this.retrieval = new ShkRetrieval(solver);
        this.settings = settings;
    }

    Settings settings() {
        return settings;
    }

    /** {@code S_eps(mu, nu)} at the experiments' epsilon. */
    double divergence(Measure mu, Measure nu) {
        return new SinkhornDivergence(solver).compute(mu, nu, settings.shk().epsilon()).value();
    }

    /** Runs {@code method}; {@code divergenceBefore} is {@code S_eps(query, true pattern)}. */
    Outcome run(Method method, Memory memory, SyntheticClouds.Query query,
                double divergenceBefore) {
        long start = System.nanoTime();
        return switch (method) {
            case SHK -> shk(memory, query, settings.shk(), divergenceBefore, start);
            case POSITIONS_ONLY -> shk(memory, query, settings.shk().withWeightStep(0),
                    divergenceBefore, start);
            case NEAREST -> nearest(memory, query, divergenceBefore, start);
            case HOPFIELD_STORED -> hopfield(method, memory, query, query.storedOrder(),
                    divergenceBefore, start);
            case HOPFIELD_RECEIVED -> hopfield(method, memory, query, query.receivedOrder(),
                    divergenceBefore, start);
        };
    }

    private Outcome shk(Memory memory, SyntheticClouds.Query query, RetrievalOptions options,
                        double before, long start) {
        RetrievalResult r = retrieval.retrieve(query.received(), memory.patterns(),
                options.withIncludeTrace(true), null);
        double millis = millisSince(start);
        List<Double> energies = r.trace().stream().map(TraceEntry::energy).toList();
        double after = r.divergences()[query.truth()];
        if (Double.isNaN(after)) {
            // the true pattern was pruned at the final state: far from it, solve it here
            after = divergence(r.state(), memory.clouds().get(query.truth()));
        }
        Method method = options.weightStep() == 0 ? Method.POSITIONS_ONLY : Method.SHK;
        return new Outcome(method, query.truth(), r.best(), r.steps(), r.converged(), before,
                after, r.initialEnergy(), r.finalEnergy(), rose(energies), millis, energies);
    }

    private Outcome nearest(Memory memory, SyntheticClouds.Query query, double before,
                            long start) {
        int recalled = retrieval.search(query.received(), memory.patterns(),
                settings.shk().epsilon(), 1).get(0).index();
        return new Outcome(Method.NEAREST, query.truth(), recalled, 0, true, before, before,
                Double.NaN, Double.NaN, false, millisSince(start), List.of());
    }

    private Outcome hopfield(Method method, Memory memory, SyntheticClouds.Query query,
                             double[] flattened, double before, long start) {
        HopfieldBaseline baseline = memory.hopfield();
        HopfieldBaseline.Result r = baseline.retrieve(flattened,
                settings.hopfieldBeta(baseline.pointCount()), settings.hopfieldMaxSteps(),
                settings.hopfieldTolerance());
        double millis = millisSince(start);
        double after = divergence(baseline.toMeasure(r.state()),
                memory.clouds().get(query.truth()));
        return new Outcome(method, query.truth(), r.best(), r.steps(), r.converged(), before,
                after, r.initialEnergy(), r.finalEnergy(), rose(r.energies()), millis,
                r.energies());
    }

    /** Whether some energy exceeds the one before it by more than the rounding slack. */
    static boolean rose(List<Double> energies) {
        for (int t = 1; t < energies.size(); t++) {
            double previous = energies.get(t - 1);
            if (energies.get(t) > previous + ENERGY_SLACK * Math.max(1, Math.abs(previous))) {
                return true;
            }
        }
        return false;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
