package io.shkmemory.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.shkmemory.engine.RetrievalOptions;

/**
 * Every parameter of an experiments run, read from {@code --name value} pairs over documented
 * defaults; {@code --quick} switches to small defaults that any explicit flag still overrides.
 */
record ExperimentConfig(Map<String, String> values, Path out, boolean quick, long seed, int threads,
                        List<String> experiments,
                        double epsilon, double beta, double transportStep, double weightStep,
                        int maxSteps, double tolerance,
                        double hopfieldBeta, int hopfieldMaxSteps,
                        int points, double pointSpread, double centreSpread,
                        double patternWeightAlpha, double weightConcentration,
                        int dimension, int patterns, List<Double> sigmas, int seeds, int queries,
                        double outlierFraction, double dropFraction,
                        List<Integer> capacityDimensions, double capacityNoise,
                        double capacityThreshold, int capacityStart, int capacityCap,
                        int capacityQueries, int capacityBisections,
                        List<Method> capacityMethods) {

    /** One command-line option: its name, its default, its default in quick mode, its meaning. */
    record Option(String name, String standard, String quick, String help) {
    }

    /** The engine's retrieval defaults, which the SHK options default to. */
    private static final RetrievalOptions ENGINE = RetrievalOptions.defaults();

    static final List<Option> OPTIONS = List.of(
            same("out", "experiments-out", "folder for CSV files, PNG plots and report.md"),
            same("seed", "20260301", "base seed; every random draw derives from it"),
            same("threads", "2", "queries run in parallel on this many threads"),
            same("experiments", "recovery,capacity", "which experiments to run"),
            same("epsilon", text(ENGINE.epsilon()),
                    "entropic regularisation of S_eps (squared data units)"),
            same("beta", text(ENGINE.beta()), "inverse temperature of SHK retrieval"),
            same("transport-step", text(ENGINE.transportStep()), "largest SHK transport step tau"),
            same("weight-step", text(ENGINE.weightStep()),
                    "largest SHK weight step eta (positions-only uses 0)"),
            same("max-steps", String.valueOf(ENGINE.maxSteps()),
                    "step cap of SHK retrieval and of the Hopfield baseline"),
            same("tolerance", text(ENGINE.tolerance()), "convergence tolerance of both dynamics"),
            same("hopfield-beta", "auto", "beta of the Euclidean baseline on flattened clouds; "
                    + "auto = beta / points, the same temperature per unit of mean per-point "
                    + "half squared distance"),
            new Option("points", "16", "8", "points per pattern n"),
            same("point-spread", "1", "standard deviation of a pattern's points around its centre"),
            same("centre-spread", "2", "standard deviation of pattern centres around 0"),
            same("pattern-weight-alpha", "10", "stored weights ~ Dirichlet(alpha, ..., alpha)"),
            same("weight-concentration", "100",
                    "query weights ~ Dirichlet(concentration * stored weights)"),
            same("dimension", "2", "recovery: dimension d of the points"),
            new Option("patterns", "64", "8", "recovery: patterns K in each memory"),
            new Option("sigmas", "0,0.25,0.5,0.75,1,1.25,1.5,2", "0,0.5,1",
                    "recovery: noise standard deviations, in units of the point spread"),
            new Option("seeds", "5", "2",
                    "recovery: memories (seeds) per noise level; error bars over these"),
            new Option("queries", "8", "4", "recovery: queries per memory and noise level"),
            same("outlier-fraction", "0.125", "recovery, outliers scenario: fraction of query "
                    + "points replaced by outliers (0 skips the scenario)"),
            same("drop-fraction", "0.125",
                    "recovery, dropped scenario: fraction of query points dropped (0 skips it)"),
            new Option("capacity-dimensions", "2,4,8,16,32,64", "2,4", "capacity: dimensions d"),
            same("capacity-noise", "1.5", "capacity: noise sigma in units of the point spread"),
            same("capacity-threshold", "0.95", "capacity: recovery rate a memory must keep"),
            same("capacity-start", "2", "capacity: smallest K tried; K doubles from it"),
            new Option("capacity-cap", "1024", "16", "capacity: largest K tried"),
            new Option("capacity-queries", "40", "10", "capacity: queries per (d, K)"),
            new Option("capacity-bisections", "2", "1", "capacity: bisection steps between the "
                    + "last K that held and the first that failed"),
            same("capacity-methods", "shk,nearest,hopfield-stored,hopfield-received",
                    "capacity: methods searched"));

    private static Option same(String name, String value, String help) {
        return new Option(name, value, value, help);
    }

    /** {@code 100} rather than {@code 100.0}; {@code 1.0E-4} stays as it is. */
    private static String text(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e6
                ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Parses {@code --name value} pairs, {@code --quick} and {@code --help}. */
    static ExperimentConfig parse(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        Map<String, String> values = new LinkedHashMap<>();
        for (Option o : OPTIONS) {
            values.put(o.name(), quick ? o.quick() : o.standard());
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                continue;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name == null || !values.containsKey(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; try --help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return from(values, quick).validated();
    }

    private static ExperimentConfig from(Map<String, String> v, boolean quick) {
        String hopfieldBeta = v.get("hopfield-beta");
        return new ExperimentConfig(Map.copyOf(v), Path.of(v.get("out")), quick,
                Long.parseLong(v.get("seed")),
                integer(v, "threads"), List.of(v.get("experiments").split(",")),
                real(v, "epsilon"), real(v, "beta"), real(v, "transport-step"),
                real(v, "weight-step"), integer(v, "max-steps"), real(v, "tolerance"),
                hopfieldBeta.equals("auto") ? Double.NaN : Double.parseDouble(hopfieldBeta),
                integer(v, "max-steps"),
                integer(v, "points"), real(v, "point-spread"), real(v, "centre-spread"),
                real(v, "pattern-weight-alpha"), real(v, "weight-concentration"),
                integer(v, "dimension"), integer(v, "patterns"), reals(v, "sigmas"),
                integer(v, "seeds"), integer(v, "queries"),
                real(v, "outlier-fraction"), real(v, "drop-fraction"),
                reals(v, "capacity-dimensions").stream().map(Double::intValue).toList(),
                real(v, "capacity-noise"), real(v, "capacity-threshold"),
                integer(v, "capacity-start"), integer(v, "capacity-cap"),
                integer(v, "capacity-queries"), integer(v, "capacity-bisections"),
                Arrays.stream(v.get("capacity-methods").split(",")).map(Method::byId).toList());
    }

    private ExperimentConfig validated() {
        for (String e : experiments) {
            if (!e.equals("recovery") && !e.equals("capacity")) {
                throw new IllegalArgumentException(
                        "--experiments takes recovery and/or capacity, had " + e);
            }
        }
        atLeast("threads", threads, 1);
        atLeast("points", points, 2);
        atLeast("patterns", patterns, 1);
        atLeast("seeds", seeds, 1);
        atLeast("queries", queries, 1);
        atLeast("capacity-start", capacityStart, 1);
        atLeast("capacity-cap", capacityCap, capacityStart);
        atLeast("capacity-queries", capacityQueries, 1);
        if (outliers() + dropped() >= points) {
            throw new IllegalArgumentException("outliers and dropped points must leave at least "
                    + "one point of " + points + ", were " + outliers() + " and " + dropped());
        }
        recallSettings();
        return this;
    }

    private static void atLeast(String name, int value, int bound) {
        if (value < bound) {
            throw new IllegalArgumentException("--" + name + " must be >= " + bound + ", was "
                    + value);
        }
    }

    boolean runs(String experiment) {
        return experiments.contains(experiment);
    }

    /** Outlier points per query in the outliers scenario. */
    int outliers() {
        return (int) Math.round(outlierFraction * points);
    }

    /** Dropped points per query in the dropped scenario. */
    int dropped() {
        return (int) Math.round(dropFraction * points);
    }

    SyntheticClouds.DataSettings data() {
        return new SyntheticClouds.DataSettings(points, pointSpread, centreSpread,
                patternWeightAlpha, weightConcentration);
    }

    Recall.Settings recallSettings() {
        RetrievalOptions shk = new RetrievalOptions(epsilon, beta, transportStep, weightStep,
                maxSteps, tolerance, 0, true);
        return new Recall.Settings(shk, hopfieldBeta, hopfieldMaxSteps, tolerance);
    }

    /** The effective Hopfield beta, for the report. */
    double effectiveHopfieldBeta() {
        return recallSettings().hopfieldBeta(points);
    }

    /** The text of {@code --help}. */
    static String help() {
        StringBuilder s = new StringBuilder();
        s.append("Reproduces the SHK memory experiments (recovery under noise, capacity\n")
                .append("against dimension) on the engine, writing CSV files, PNG plots and\n")
                .append("report.md.\n\n")
                .append("usage: ExperimentsCommand [--quick] [--name value ...]\n\n")
                .append("  --quick  small run (under a minute) with the quick defaults below\n")
                .append("  --help   this text\n\n");
        s.append(String.format("  %-26s %-40s %s%n", "option", "default [quick]", "meaning"));
        for (Option o : OPTIONS) {
            String defaults = o.standard().equals(o.quick()) ? o.standard()
                    : o.standard() + " [" + o.quick() + "]";
            s.append(String.format("  --%-24s %-40s %s%n", o.name(), defaults, o.help()));
        }
        return s.toString();
    }

    /** Every option with the value this run used, in the order of {@link #OPTIONS}. */
    List<String[]> effectiveValues() {
        List<String[]> rows = new ArrayList<>();
        for (Option o : OPTIONS) {
            rows.add(new String[] {o.name(), values.get(o.name()), o.help()});
        }
        return rows;
    }

    private static int integer(Map<String, String> v, String name) {
        try {
            return Integer.parseInt(v.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, was "
                    + v.get(name));
        }
    }

    private static double real(Map<String, String> v, String name) {
        try {
            return Double.parseDouble(v.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was "
                    + v.get(name));
        }
    }

    private static List<Double> reals(Map<String, String> v, String name) {
        try {
            return Arrays.stream(v.get(name).split(",")).map(String::trim).map(Double::parseDouble)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name
                    + " must be numbers separated by commas, was " + v.get(name));
        }
    }
}
