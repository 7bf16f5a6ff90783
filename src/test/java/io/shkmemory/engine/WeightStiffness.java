package io.shkmemory.engine;

import java.util.List;
import java.util.Random;

/**
 * Prints how stiff {@code OT_eps} is in the weights of a noisy 32-point query at eps = 0.05:
 * central differences of {@code OT_eps(a + h v, b)} along a random direction {@code v} with
 * {@code sum v = 0}, against the analytic derivative {@code f . v}, for shrinking {@code h};
 * then the change of {@code S_eps} under the SHK reweighting {@code a exp(-eta Phi) / Z}
 * against its first-order prediction {@code -eta Var_a(Phi)}. Quoted in docs/engine.md.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.shkmemory.engine.WeightStiffness}
 */
public final class WeightStiffness {

    private WeightStiffness() {
    }

    public static void main(String[] args) {
        Random rng = new Random(1);
        List<Measure> patterns = Clouds.memory(rng, 3, 32, 3, 2.0);
        Measure pattern = patterns.get(0);
        Measure query = Clouds.noisyPermuted(rng, pattern, 0.2);
        double eps = 0.05;
        SinkhornSolver solver = new SinkhornSolver(
                SinkhornOptions.DEFAULT.withTolerance(1e-14).withMaxIterations(100_000));
        int n = query.size();
        double[] v = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
            mean += v[i] / n;
        }
        for (int i = 0; i < n; i++) {
            v[i] -= mean;
        }
        TransportResult solved = solver.solve(query, pattern, eps);
        double analytic = 0;
        for (int i = 0; i < n; i++) {
            analytic += solved.f()[i] * v[i];
        }
        System.out.printf("d OT_eps / da . v: analytic f . v = %.6f%n", analytic);
        for (double h : new double[] {1e-4, 1e-5, 1e-6}) {
            double plus = solver.solve(reweighted(query, v, h), pattern, eps).value();
            double minus = solver.solve(reweighted(query, v, -h), pattern, eps).value();
            System.out.printf("  central difference, h = %.0e: %.6f%n", h, (plus - minus) / (2 * h));
        }

        SinkhornDivergence divergence = new SinkhornDivergence(solver);
        Divergence s = divergence.compute(query, pattern, eps);
        double[] phi = SinkhornDivergence.centredFirstVariation(query, s);
        double variance = 0;
        for (int i = 0; i < n; i++) {
            variance += query.weight(i) * phi[i] * phi[i];
        }
        System.out.println("S_eps under a <- a exp(-eta Phi) / Z:");
        for (double eta : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
            double[] w = new double[n];
            double z = 0;
            for (int i = 0; i < n; i++) {
                w[i] = query.weight(i) * Math.exp(-eta * phi[i]);
                z += w[i];
            }
            for (int i = 0; i < n; i++) {
                w[i] /= z;
            }
            double change = divergence.compute(Measure.of(query.points(), w), pattern, eps)
                    .value() - s.value();
            System.out.printf("  eta = %.0e: change %+.3e, first-order prediction %+.3e%n",
                    eta, change, -eta * variance);
        }
    }

    private static Measure reweighted(Measure mu, double[] direction, double h) {
        double[] w = mu.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] += h * direction[i];
        }
        return Measure.of(mu.points(), w);
    }
}
