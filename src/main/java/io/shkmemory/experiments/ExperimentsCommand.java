package io.shkmemory.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.shkmemory.engine.SinkhornOptions;
import io.shkmemory.engine.SinkhornSolver;

/**
 * The experiments command: recovery under noise against the Euclidean Hopfield baseline and
 * capacity against dimension, run on the engine, written as CSV files, PNG plots and a
 * markdown report into one folder. {@code --help} lists every parameter and its default.
 *
 * <p>Exit status: 0 on success, 2 for bad arguments, 3 when some run's energy rose (the
 * files are still written).
 */
public final class ExperimentsCommand {

    static final String ENERGY_PLOT = "energy.png";
    static final String CAPACITY_PLOT = "capacity.png";

    private final ExperimentConfig config;
    private final String[] args;
    private final PrintStream console;

    private ExperimentsCommand(ExperimentConfig config, String[] args, PrintStream console) {
        this.config = config;
        this.args = args.clone();
        this.console = console;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (List.of(args).contains("--help")) {
            System.out.print(ExperimentConfig.help());
            return;
        }
        ExperimentConfig config;
        try {
            config = ExperimentConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Results results = run(config, args, System.out);
        if (results.energyRises().values().stream().anyMatch(r -> r > 0)) {
            System.exit(3);
        }
    }

    /** Runs the experiments {@code config} asks for and writes every file; for tests too. */
    static Results run(ExperimentConfig config, String[] args, PrintStream console)
            throws Exception {
        return new ExperimentsCommand(config, args, console).run();
    }

    static String recoveryPlot(RecoveryExperiment.Scenario scenario) {
        return "recovery-" + scenario.id() + ".png";
    }

    static String dynamicsPlot(RecoveryExperiment.Scenario scenario) {
        return "dynamics-" + scenario.id() + ".png";
    }

    private Results run() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path out = config.out();
        Files.createDirectories(out);
        Progress progress = new Progress(console);
        progress.note("Writing to " + out.toAbsolutePath() + " with " + config.threads()
                + " threads" + (config.quick() ? " (quick mode)" : ""));
        Recall recall = new Recall(new SinkhornSolver(SinkhornOptions.DEFAULT),
                config.recallSettings());
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), daemonThreads());
        try {
            Results results = experiments(recall, pool, progress);
            writeFiles(results, progress.elapsedSeconds());
            summarise(results, progress);
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Results experiments(Recall recall, ExecutorService pool, Progress progress)
            throws Exception {
        List<RecoveryExperiment.Scenario> scenarios = List.of();
        List<RecoveryExperiment.Row> rows = List.of();
        List<Summaries.RecoveryCell> recovery = List.of();
        if (config.runs("recovery")) {
            RecoveryExperiment experiment = new RecoveryExperiment(config, recall, pool, progress);
            scenarios = experiment.scenarios();
            rows = experiment.run();
            recovery = Summaries.recovery(rows, scenarios, config.sigmas(), config.seeds());
        }
        List<CapacityExperiment.Capacity> capacities = List.of();
        List<CapacityExperiment.Cell> cells = List.of();
        List<Summaries.Fit> fits = List.of();
        if (config.runs("capacity")) {
            CapacityExperiment experiment = new CapacityExperiment(config, recall, pool, progress);
            capacities = experiment.run();
            cells = List.copyOf(experiment.cells());
            fits = Summaries.fits(capacities, config.capacityMethods());
        }
        return new Results(scenarios, recovery, rows, capacities, cells, fits);
    }

    private void writeFiles(Results results, double seconds) throws IOException {
        Path out = config.out();
        CsvFiles csv = new CsvFiles(out);
        if (!results.recovery().isEmpty()) {
            csv.recoveryQueries(results.rows());
            csv.recoverySummary(results.recovery());
            String setup = String.format(Locale.ROOT, "d = %d, K = %d, n = %d, centre spread %s, "
                            + "point spread %s", config.dimension(), config.patterns(),
                    config.points(), config.centreSpread(), config.pointSpread());
            for (RecoveryExperiment.Scenario scenario : results.scenarios()) {
                Charts.recovery(out.resolve(recoveryPlot(scenario)), scenario, results.recovery(),
                        config.sigmas(), config.seeds(), setup);
                Charts.dynamics(out.resolve(dynamicsPlot(scenario)), scenario, results.recovery(),
                        config.sigmas(), setup);
            }
            Charts.energy(out.resolve(ENERGY_PLOT), exampleTraces(results), setup);
        }
        if (!results.capacities().isEmpty()) {
            csv.capacityCells(results.capacityCells());
            csv.capacity(results.capacities());
            csv.capacityFit(results.fits());
            String setup = String.format(Locale.ROOT, "n = %d, noise %s point spreads, "
                            + "recovery >= %.0f%% of %d queries", config.points(),
                    config.capacityNoise(), 100 * config.capacityThreshold(),
                    config.capacityQueries());
            Charts.capacity(out.resolve(CAPACITY_PLOT), results.capacities(), results.fits(),
                    config.capacityMethods(), setup);
        }
        new Report(config, args).write(out, results, seconds);
    }

    /** The SHK energy trace of the first query of the first memory, per noise level (clean). */
    private Map<Double, List<Double>> exampleTraces(Results results) {
        Map<Double, List<Double>> traces = new LinkedHashMap<>();
        RecoveryExperiment.Scenario clean = results.scenarios().get(0);
        for (RecoveryExperiment.Row r : results.rows()) {
            if (r.scenario().equals(clean) && r.seed() == 0 && r.query() == 0
                    && r.outcome().method() == Method.SHK) {
                traces.put(r.sigma(), r.outcome().energies());
            }
        }
        return traces;
    }

    private void summarise(Results results, Progress progress) {
        List<String> lines = new ArrayList<>();
        for (RecoveryExperiment.Scenario s : results.scenarios()) {
            double top = config.sigmas().get(config.sigmas().size() - 1);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "recovery (%s) at sigma %s:", s.id(), top));
            for (Method m : Method.values()) {
                line.append(String.format(Locale.ROOT, " %s %.0f%%", m.id(),
                        100 * results.cell(s, top, m).recoveryMean()));
            }
            lines.add(line.toString());
        }
        for (Summaries.Fit f : results.fits()) {
            lines.add(String.format(Locale.ROOT, "capacity %s: ln K = %.2f + %.3f d over %d "
                    + "dimensions", f.method().id(), f.intercept(), f.slope(), f.points()));
        }
        long rises = results.energyRises().values().stream().mapToLong(Long::longValue).sum();
        lines.add(rises == 0 ? "energy never rose in " + results.dynamicRuns() + " runs"
                : "ENERGY ROSE in " + rises + " of " + results.dynamicRuns() + " runs");
        lines.add("done in " + Progress.format(progress.elapsedSeconds()) + "; report: "
                + config.out().resolve(Report.FILE));
        lines.forEach(progress::note);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "experiments-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
