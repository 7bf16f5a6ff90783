package io.shkmemory.experiments;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run measured, as the report, the plots and the smoke test read it.
 *
 * @param scenarios     the recovery scenarios run (empty when recovery was not run)
 * @param recovery      one summary per (scenario, sigma, method)
 * @param rows          every recovery outcome
 * @param capacities    one capacity per (dimension, method)
 * @param capacityCells every (dimension, method, K) evaluation
 * @param fits          ln K against d, per method with two or more exact capacities
 */
record Results(List<RecoveryExperiment.Scenario> scenarios,
               List<Summaries.RecoveryCell> recovery, List<RecoveryExperiment.Row> rows,
               List<CapacityExperiment.Capacity> capacities,
               List<CapacityExperiment.Cell> capacityCells, List<Summaries.Fit> fits) {

    Summaries.RecoveryCell cell(RecoveryExperiment.Scenario scenario, double sigma,
                                Method method) {
        return recovery.stream()
                .filter(c -> c.scenario().equals(scenario) && c.sigma() == sigma
                        && c.method() == method)
                .findFirst().orElseThrow();
    }

    CapacityExperiment.Capacity capacity(int dimension, Method method) {
        return capacities.stream().filter(c -> c.dimension() == dimension && c.method() == method)
                .findFirst().orElseThrow();
    }

    /** Runs whose energy rose, per method, over recovery and capacity. */
    Map<Method, Long> energyRises() {
        Map<Method, Long> rises = new EnumMap<>(Method.class);
        for (Method m : Method.values()) {
            rises.put(m, 0L);
        }
        for (RecoveryExperiment.Row r : rows) {
            if (r.outcome().energyRose()) {
                rises.merge(r.outcome().method(), 1L, Long::sum);
            }
        }
        for (CapacityExperiment.Cell c : capacityCells) {
            rises.merge(c.method(), (long) c.energyRises(), Long::sum);
        }
        return rises;
    }

    /** Runs of a dynamic (every method but nearest by S_eps), over recovery and capacity. */
    long dynamicRuns() {
        long recoveryRuns = rows.stream().filter(r -> r.outcome().method() != Method.NEAREST)
                .count();
        long capacityRuns = capacityCells.stream().filter(c -> c.method() != Method.NEAREST)
                .mapToLong(CapacityExperiment.Cell::queriesRun).sum();
        return recoveryRuns + capacityRuns;
    }
}
