package io.shkmemory.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CSV files of a run: raw outcomes and the summaries the plots are drawn from. */
final class CsvFiles {

    static final String RECOVERY_QUERIES = "recovery-queries.csv";
    static final String RECOVERY_SUMMARY = "recovery-summary.csv";
    static final String CAPACITY_CELLS = "capacity-cells.csv";
    static final String CAPACITY = "capacity.csv";
    static final String CAPACITY_FIT = "capacity-fit.csv";

    private final Path folder;

    CsvFiles(Path folder) {
        this.folder = folder;
    }

    void recoveryQueries(List<RecoveryExperiment.Row> rows) throws IOException {
        List<Object[]> lines = new ArrayList<>();
        for (RecoveryExperiment.Row r : rows) {
            Outcome o = r.outcome();
            lines.add(new Object[] {r.scenario().id(), r.sigma(), r.seed(), r.query(), o.truth(),
                o.method().id(), o.recalled(), o.correct(), o.steps(), o.converged(),
                o.divergenceBefore(), o.divergenceAfter(), o.energyBefore(), o.energyAfter(),
                o.energyRose(), o.millis()});
        }
        write(RECOVERY_QUERIES, "scenario,sigma,seed,query,truth,method,recalled,correct,steps,"
                + "converged,divergence_before,divergence_after,energy_before,energy_after,"
                + "energy_rose,millis", lines);
    }

    void recoverySummary(List<Summaries.RecoveryCell> cells) throws IOException {
        List<Object[]> lines = new ArrayList<>();
        for (Summaries.RecoveryCell c : cells) {
            lines.add(new Object[] {c.scenario().id(), c.sigma(), c.method().id(), c.seeds(),
                c.queries(), c.recoveryMean(), c.recoverySd(), c.before().median(),
                c.after().lower(), c.after().median(), c.after().upper(), c.stepsMean(),
                c.convergedFraction(), c.energyRises(), c.millisMean()});
        }
        write(RECOVERY_SUMMARY, "scenario,sigma,method,seeds,queries,recovery_mean,recovery_sd,"
                + "divergence_before_median,divergence_after_q1,divergence_after_median,"
                + "divergence_after_q3,steps_mean,converged_fraction,energy_rises,millis_mean",
                lines);
    }

    void capacityCells(List<CapacityExperiment.Cell> cells) throws IOException {
        List<Object[]> lines = new ArrayList<>();
        for (CapacityExperiment.Cell c : cells) {
            lines.add(new Object[] {c.dimension(), c.method().id(), c.patterns(), c.queriesRun(),
                c.recovered(), c.rate(), c.passed(), c.stoppedEarly(), c.energyRises(),
                c.seconds()});
        }
        write(CAPACITY_CELLS, "dimension,method,patterns,queries_run,recovered,rate,passed,"
                + "stopped_early,energy_rises,seconds", lines);
    }

    void capacity(List<CapacityExperiment.Capacity> capacities) throws IOException {
        List<Object[]> lines = new ArrayList<>();
        for (CapacityExperiment.Capacity c : capacities) {
            lines.add(new Object[] {c.dimension(), c.method().id(), c.patterns(),
                c.bound().name().toLowerCase(Locale.ROOT)});
        }
        write(CAPACITY, "dimension,method,patterns,bound", lines);
    }

    void capacityFit(List<Summaries.Fit> fits) throws IOException {
        List<Object[]> lines = new ArrayList<>();
        for (Summaries.Fit f : fits) {
            lines.add(new Object[] {f.method().id(), f.points(), f.slope(), f.intercept(), f.r2()});
        }
        write(CAPACITY_FIT, "method,points,slope_ln_k_per_dimension,intercept,r2", lines);
    }

    private void write(String name, String header, List<Object[]> lines) throws IOException {
        String body = lines.stream()
                .map(line -> Stream.of(line).map(CsvFiles::cell).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n"));
        Files.writeString(folder.resolve(name), header + "\n" + body + "\n",
                StandardCharsets.UTF_8);
    }

    private static String cell(Object value) {
        if (value instanceof Double d) {
            return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6g", d);
        }
        return String.valueOf(value);
    }
}
