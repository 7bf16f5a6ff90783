package io.shkmemory.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Aggregates of the raw outcomes: what the tables and plots show. */
final class Summaries {

    private Summaries() {
    }

    /**
     * One method at one noise level of one scenario.
     *
     * @param recoveryMean     mean over seeds of the fraction of queries recovered
     * @param recoverySd       sample standard deviation of that fraction over seeds (0 for one)
     * @param before           quartiles of {@code S_eps(query, true pattern)} over all queries
     * @param after            quartiles of {@code S_eps(final state, true pattern)}
     * @param stepsMean        mean accepted steps
     * @param convergedFraction fraction of runs that stopped on their tolerance
     * @param energyRises      runs in which an accepted step raised the energy
     */
    record RecoveryCell(RecoveryExperiment.Scenario scenario, double sigma, Method method,
                        int seeds, int queries, double recoveryMean, double recoverySd,
                        Quartiles before, Quartiles after, double stepsMean,
                        double convergedFraction, int energyRises, double millisMean) {
    }

    /** Lower quartile, median and upper quartile. */
    record Quartiles(double lower, double median, double upper) {

        static Quartiles of(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Quartiles(quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75));
        }
    }

    /** Least squares {@code ln K = intercept + slope d} over the exact capacities of a method. */
    record Fit(Method method, int points, double slope, double intercept, double r2) {

        /** Factor by which K grows per added dimension. */
        double growthPerDimension() {
            return Math.exp(slope);
        }
    }

    static List<RecoveryCell> recovery(List<RecoveryExperiment.Row> rows,
                                       List<RecoveryExperiment.Scenario> scenarios,
                                       List<Double> sigmas, int seeds) {
        List<RecoveryCell> cells = new ArrayList<>();
        for (RecoveryExperiment.Scenario scenario : scenarios) {
            for (double sigma : sigmas) {
                for (Method method : Method.values()) {
                    List<RecoveryExperiment.Row> selected = rows.stream()
                            .filter(r -> r.scenario().equals(scenario) && r.sigma() == sigma
                                    && r.outcome().method() == method)
                            .toList();
                    cells.add(recoveryCell(scenario, sigma, method, selected, seeds));
                }
            }
        }
        return cells;
    }

    private static RecoveryCell recoveryCell(RecoveryExperiment.Scenario scenario, double sigma,
                                             Method method, List<RecoveryExperiment.Row> rows,
                                             int seeds) {
        double[] perSeed = new double[seeds];
        for (int seed = 0; seed < seeds; seed++) {
            int s = seed;
            List<Outcome> ofSeed = rows.stream().filter(r -> r.seed() == s)
                    .map(RecoveryExperiment.Row::outcome).toList();
            perSeed[seed] = ofSeed.stream().filter(Outcome::correct).count()
                    / (double) ofSeed.size();
        }
        List<Outcome> all = rows.stream().map(RecoveryExperiment.Row::outcome).toList();
        return new RecoveryCell(scenario, sigma, method, seeds, all.size(), mean(perSeed),
                standardDeviation(perSeed),
                Quartiles.of(all.stream().map(Outcome::divergenceBefore).toList()),
                Quartiles.of(all.stream().map(Outcome::divergenceAfter).toList()),
                all.stream().mapToInt(Outcome::steps).average().orElse(0),
                all.stream().filter(Outcome::converged).count() / (double) all.size(),
                (int) all.stream().filter(Outcome::energyRose).count(),
                all.stream().mapToDouble(Outcome::millis).average().orElse(0));
    }

    /** One fit per method with at least two exact capacities. */
    static List<Fit> fits(List<CapacityExperiment.Capacity> capacities, List<Method> methods) {
        List<Fit> fits = new ArrayList<>();
        for (Method method : methods) {
            List<CapacityExperiment.Capacity> exact = capacities.stream()
                    .filter(c -> c.method() == method
                            && c.bound() == CapacityExperiment.Bound.EXACT)
                    .toList();
            if (exact.size() >= 2) {
                double[] d = exact.stream().mapToDouble(CapacityExperiment.Capacity::dimension)
                        .toArray();
                double[] logK = exact.stream().mapToDouble(c -> Math.log(c.patterns())).toArray();
                fits.add(leastSquares(method, d, logK));
            }
        }
        return fits;
    }

    static Fit leastSquares(Method method, double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new Fit(method, x.length, slope, my - slope * mx, r2);
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double standardDeviation(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** Linear interpolation between order statistics (type 7, the R and NumPy default). */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
