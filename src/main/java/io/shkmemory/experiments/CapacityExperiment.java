package io.shkmemory.experiments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.shkmemory.engine.Measure;

/**
 * Capacity against dimension: for each dimension d and method, the largest number of patterns
 * K at which the method still recovers at least the threshold fraction of queries made at a
 * fixed noise level relative to the point spread.
 *
 * <p>Search, per (d, method): first K = cap; if recovery holds there the capacity is reported
 * as "at least cap". Otherwise K doubles from the start until recovery fails (a failure at the
 * start is reported as "below start"), then the interval between the last K that held and the
 * first that failed is bisected geometrically a few times. This assumes recovery falls as K
 * grows; memories are nested (the memory of K patterns is the first K of one seeded sequence
 * per d), which makes that likely but not certain. Queries for a given (d, K) are the same for
 * every method. A cell stops early once more queries failed than the threshold allows.
 */
final class CapacityExperiment {

    private static final long CAPACITY_MEMORY = 3;
    private static final long CAPACITY_QUERY = 4;

    /** One (d, method, K) evaluation. */
    record Cell(int dimension, Method method, int patterns, int queriesRun, int recovered,
                boolean passed, boolean stoppedEarly, int energyRises, double seconds) {

        double rate() {
            return (double) recovered / queriesRun;
        }
    }

    /** How a capacity is bounded. */
    enum Bound { EXACT, AT_LEAST_CAP, BELOW_START }

    /** The capacity of one method in one dimension: the largest K that held, or the bound. */
    record Capacity(int dimension, Method method, int patterns, Bound bound) {
    }

    private final ExperimentConfig config;
    private final SyntheticClouds clouds;
    private final Recall recall;
    private final ExecutorService pool;
    private final Progress progress;
    private final List<Cell> cells = new ArrayList<>();
    private final Map<Integer, List<Measure>> memories = new HashMap<>();

    CapacityExperiment(ExperimentConfig config, Recall recall, ExecutorService pool,
                       Progress progress) {
        this.config = config;
        this.clouds = new SyntheticClouds(config.data());
        this.recall = recall;
        this.pool = pool;
        this.progress = progress;
    }

    List<Cell> cells() {
        return cells;
    }

    List<Capacity> run() throws Exception {
        int searches = config.capacityDimensions().size() * config.capacityMethods().size();
        progress.phase("capacity", searches);
        List<Capacity> capacities = new ArrayList<>();
        for (int d : config.capacityDimensions()) {
            for (Method method : config.capacityMethods()) {
                capacities.add(search(d, method));
            }
            memories.remove(d);
        }
        return capacities;
    }

    private Capacity search(int d, Method method) throws Exception {
        int start = config.capacityStart();
        int cap = config.capacityCap();
        Capacity result;
        if (evaluate(d, method, cap).passed()) {
            result = new Capacity(d, method, cap, Bound.AT_LEAST_CAP);
        } else {
            int held = 0;
            int failed = cap;
            for (int k = start; k < cap; k *= 2) {
                if (!evaluate(d, method, k).passed()) {
                    failed = k;
                    break;
                }
                held = k;
            }
            result = held == 0 ? new Capacity(d, method, start, Bound.BELOW_START)
                    : new Capacity(d, method, bisect(d, method, held, failed), Bound.EXACT);
        }
        progress.cellDone(describe(result));
        return result;
    }

    /** The largest K found to hold between {@code held} (holds) and {@code failed} (fails). */
    private int bisect(int d, Method method, int held, int failed) throws Exception {
        for (int step = 0; step < config.capacityBisections(); step++) {
            int middle = (int) Math.round(Math.sqrt((double) held * failed));
            if (middle <= held || middle >= failed) {
                break;
            }
            if (evaluate(d, method, middle).passed()) {
                held = middle;
            } else {
                failed = middle;
            }
        }
        return held;
    }

    private Cell evaluate(int d, Method method, int k) throws Exception {
        long start = System.nanoTime();
        Recall.Memory memory = Recall.Memory.of(memory(d, k));
        int queries = config.capacityQueries();
        int allowed = (int) Math.floor((1 - config.capacityThreshold()) * queries + 1e-9);
        AtomicInteger failures = new AtomicInteger();
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            SplittableRandom rng = Seeds.stream(config.seed(), CAPACITY_QUERY, d, k, q);
            futures.add(pool.submit(() -> failures.get() > allowed ? null
                    : recallOne(rng, memory, method, failures)));
        }
        int run = 0;
        int recovered = 0;
        int rises = 0;
        for (Future<Outcome> f : futures) {
            Outcome o = f.get();
            if (o != null) {
                run++;
                recovered += o.correct() ? 1 : 0;
                rises += o.energyRose() ? 1 : 0;
            }
        }
        boolean passed = run - recovered <= allowed;
        Cell cell = new Cell(d, method, k, run, recovered, passed, run < queries, rises,
                (System.nanoTime() - start) / 1e9);
        cells.add(cell);
        return cell;
    }

    private Outcome recallOne(SplittableRandom rng, Recall.Memory memory, Method method,
                              AtomicInteger failures) {
        int truth = rng.nextInt(memory.clouds().size());
        double sigma = config.capacityNoise() * config.pointSpread();
        SyntheticClouds.Query query = clouds.query(rng, memory.clouds(), truth,
                new SyntheticClouds.Corruption(sigma, 0, 0));
        Outcome o = recall.run(method, memory, query, Double.NaN);
        if (!o.correct()) {
            failures.incrementAndGet();
        }
        return o;
    }

    /** The first {@code k} patterns of dimension {@code d}'s seeded sequence. */
    private List<Measure> memory(int d, int k) {
        List<Measure> all = memories.computeIfAbsent(d, dim -> clouds.memory(
                Seeds.stream(config.seed(), CAPACITY_MEMORY, dim), config.capacityCap(), dim));
        return all.subList(0, k);
    }

    private String describe(Capacity c) {
        String value = switch (c.bound()) {
            case EXACT -> "K = " + c.patterns();
            case AT_LEAST_CAP -> "K >= " + c.patterns() + " (cap)";
            case BELOW_START -> "K < " + c.patterns() + " (start)";
        };
        long evaluated = cells.stream().filter(x -> x.dimension() == c.dimension()
                && x.method() == c.method()).count();
        return String.format("d=%d %s: %s after %d evaluations", c.dimension(), c.method().id(),
                value, evaluated);
    }
}
