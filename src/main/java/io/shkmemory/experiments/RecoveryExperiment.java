package io.shkmemory.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.shkmemory.engine.Measure;

/**
 * Recovery under noise: for every scenario, noise level and memory seed, queries made from
 * random stored patterns are recalled by every {@link Method}; a cell is one (scenario, noise,
 * seed) with its queries. All memories of one seed are the same across scenarios and noise
 * levels, so the curves compare like with like.
 */
final class RecoveryExperiment {

    private static final long RECOVERY_MEMORY = 1;
    private static final long RECOVERY_QUERY = 2;

    /** A way of spoiling queries: the clean one has noise and reweighting only. */
    record Scenario(String id, String title, int outliers, int dropped) {
    }

    /** One method's outcome on one query of one cell. */
    record Row(Scenario scenario, double sigma, int seed, int query, Outcome outcome) {
    }

    private final ExperimentConfig config;
    private final SyntheticClouds clouds;
    private final Recall recall;
    private final ExecutorService pool;
    private final Progress progress;

    RecoveryExperiment(ExperimentConfig config, Recall recall, ExecutorService pool,
                       Progress progress) {
        this.config = config;
        this.clouds = new SyntheticClouds(config.data());
        this.recall = recall;
        this.pool = pool;
        this.progress = progress;
    }

    /** Clean, then dropped points and outliers each on their own, so their effects separate. */
    List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("clean", "noise, permutation, reweighting", 0, 0));
        if (config.dropped() > 0) {
            scenarios.add(new Scenario("dropped", "as clean, and " + config.dropped() + " of "
                    + config.points() + " points dropped", 0, config.dropped()));
        }
        if (config.outliers() > 0) {
            scenarios.add(new Scenario("outliers", "as clean, and " + config.outliers() + " of "
                    + config.points() + " points replaced by outliers", config.outliers(), 0));
        }
        return scenarios;
    }

    /** Runs every cell; queries of all cells are queued at once and reported cell by cell. */
    List<Row> run() throws Exception {
        List<Scenario> scenarios = scenarios();
        List<Recall.Memory> memories = memories();
        List<Cell> cells = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            for (int level = 0; level < config.sigmas().size(); level++) {
                for (int seed = 0; seed < config.seeds(); seed++) {
                    cells.add(submit(scenarios.get(s), s, level, seed, memories.get(seed)));
                }
            }
        }
        progress.phase("recovery", cells.size());
        List<Row> rows = new ArrayList<>();
        for (Cell cell : cells) {
            List<Row> cellRows = cell.collect();
            rows.addAll(cellRows);
            progress.cellDone(cell.describe(cellRows));
        }
        return rows;
    }

    private List<Recall.Memory> memories() {
        List<Recall.Memory> memories = new ArrayList<>();
        for (int seed = 0; seed < config.seeds(); seed++) {
            SplittableRandom rng = Seeds.stream(config.seed(), RECOVERY_MEMORY, config.dimension(),
                    seed);
            memories.add(Recall.Memory.of(clouds.memory(rng, config.patterns(),
                    config.dimension())));
        }
        return memories;
    }

    private Cell submit(Scenario scenario, int scenarioIndex, int level, int seed,
                        Recall.Memory memory) {
        double sigma = config.sigmas().get(level);
        SyntheticClouds.Corruption corruption = new SyntheticClouds.Corruption(
                sigma * config.pointSpread(), scenario.outliers(), scenario.dropped());
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        for (int q = 0; q < config.queries(); q++) {
            SplittableRandom rng = Seeds.stream(config.seed(), RECOVERY_QUERY, scenarioIndex,
                    level, seed, q);
            futures.add(pool.submit(() -> recallAll(rng, memory, corruption)));
        }
        return new Cell(scenario, sigma, seed, futures);
    }

    private List<Outcome> recallAll(SplittableRandom rng, Recall.Memory memory,
                                    SyntheticClouds.Corruption corruption) {
        int truth = rng.nextInt(memory.clouds().size());
        SyntheticClouds.Query query = clouds.query(rng, memory.clouds(), truth, corruption);
        Measure stored = memory.clouds().get(truth);
        double before = recall.divergence(query.received(), stored);
        List<Outcome> outcomes = new ArrayList<>();
        for (Method method : Method.values()) {
            outcomes.add(recall.run(method, memory, query, before));
        }
        return outcomes;
    }

    /** The queued queries of one cell. */
    private record Cell(Scenario scenario, double sigma, int seed,
                        List<Future<List<Outcome>>> futures) {

        List<Row> collect() throws Exception {
            List<Row> rows = new ArrayList<>();
            for (int q = 0; q < futures.size(); q++) {
                for (Outcome o : futures.get(q).get()) {
                    rows.add(new Row(scenario, sigma, seed, q, o));
                }
            }
            return rows;
        }

        String describe(List<Row> rows) {
            StringBuilder s = new StringBuilder(String.format("%s sigma=%.2f seed %d:",
                    scenario.id(), sigma, seed));
            for (Method m : Method.values()) {
                long correct = rows.stream().filter(r -> r.outcome().method() == m
                        && r.outcome().correct()).count();
                s.append(' ').append(m.id()).append(' ').append(correct).append('/')
                        .append(futures.size());
            }
            return s.toString();
        }
    }
}
