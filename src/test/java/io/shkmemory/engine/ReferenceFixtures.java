package io.shkmemory.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cases of {@code fixtures/sinkhorn-reference.json}: divergences and energies computed in
 * float64 by the independent numpy reference of {@code shared/reference}, converged to 1e-13.
 */
final class ReferenceFixtures {

    record DivergenceCase(int index, int d, double epsilon, Measure mu, Measure nu,
                          double ot, double otXX, double otYY, double divergence,
                          double[][] barycentricMap, double[][] gradient,
                          double[] firstVariation) {
        @Override
        public String toString() {
            return "case " + index + " (n=" + mu.size() + ", m=" + nu.size() + ", d=" + d
                    + ", eps=" + epsilon + ")";
        }
    }

    record EnergyCase(int index, double epsilon, double beta, Measure query,
                      List<Measure> patterns, int truePattern, double[] divergences,
                      double energy, double[] responsibilities) {
        @Override
        public String toString() {
            return "energy case " + index + " (K=" + patterns.size() + ", eps=" + epsilon
                    + ", beta=" + beta + ")";
        }
    }

    private static final JsonNode ROOT = load();

    private ReferenceFixtures() {
    }

    private static JsonNode load() {
        try (InputStream in = ReferenceFixtures.class
                .getResourceAsStream("/fixtures/sinkhorn-reference.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<DivergenceCase> divergenceCases() {
        List<DivergenceCase> cases = new ArrayList<>();
        int index = 0;
        for (JsonNode c : ROOT.get("divergence_cases")) {
            cases.add(new DivergenceCase(index++, c.get("d").asInt(), c.get("epsilon").asDouble(),
                    Measure.of(matrix(c.get("x")), vector(c.get("a"))),
                    Measure.of(matrix(c.get("y")), vector(c.get("b"))),
                    c.get("ot_epsilon").asDouble(), c.get("ot_epsilon_xx").asDouble(),
                    c.get("ot_epsilon_yy").asDouble(), c.get("sinkhorn_divergence").asDouble(),
                    matrix(c.get("barycentric_map_xy")), matrix(c.get("gradient_positions")),
                    vector(c.get("first_variation_centered"))));
        }
        return cases;
    }

    static List<EnergyCase> energyCases() {
        List<EnergyCase> cases = new ArrayList<>();
        int index = 0;
        for (JsonNode c : ROOT.get("energy_cases")) {
            List<Measure> patterns = new ArrayList<>();
            for (JsonNode p : c.get("patterns")) {
                patterns.add(Measure.of(matrix(p.get("y")), vector(p.get("b"))));
            }
            JsonNode q = c.get("query");
            cases.add(new EnergyCase(index++, c.get("epsilon").asDouble(), c.get("beta").asDouble(),
                    Measure.of(matrix(q.get("x")), vector(q.get("a"))), patterns,
                    c.get("true_pattern").asInt(), vector(c.get("divergences")),
                    c.get("energy").asDouble(), vector(c.get("softmax_weights"))));
        }
        return cases;
    }

    static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    static double[][] matrix(JsonNode node) {
        double[][] rows = new double[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = vector(node.get(i));
        }
        return rows;
    }
}
