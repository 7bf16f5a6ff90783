package io.shkmemory.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.JsonNode;

/** Seeded random point clouds for service tests. */
final class Clouds {

    private Clouds() {
    }

    /** {@code n} points uniform in the unit cube of dimension {@code d}. */
    static double[][] uniform(SplittableRandom random, int n, int d) {
        double[][] points = new double[n][d];
        for (double[] p : points) {
            for (int k = 0; k < d; k++) {
                p[k] = random.nextDouble();
            }
        }
        return points;
    }

    /** The cloud with its points shuffled and Gaussian noise of the given deviation added. */
    static double[][] noisyPermuted(SplittableRandom random, double[][] points, double noise) {
        List<double[]> rows = new ArrayList<>();
        for (double[] p : points) {
            double[] q = p.clone();
            for (int k = 0; k < q.length; k++) {
                q[k] += noise * gaussian(random);
            }
            rows.add(q);
        }
        Collections.shuffle(rows, new java.util.Random(random.nextLong()));
        return rows.toArray(double[][]::new);
    }

    static Map<String, Object> measure(double[][] points) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("points", points);
        return body;
    }

    /**
     * A batch of {@code count} patterns "p0", "p1", ... of {@code n} uniform points in the
     * unit cube of {@code R^d}: overlapping clouds, which defeat the pruning bound and keep a
     * retrieval over them busy.
     */
    static Map<String, Object> overlappingBatch(SplittableRandom random, int count, int n,
                                                int d) {
        List<Map<String, Object>> patterns = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Map<String, Object> pattern = measure(uniform(random, n, d));
            pattern.put("id", "p" + k);
            patterns.add(pattern);
        }
        return Map.of("patterns", patterns);
    }

    static double[][] points(JsonNode node) {
        double[][] points = new double[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            points[i] = doubles(node.get(i));
        }
        return points;
    }

    static double[] doubles(JsonNode node) {
        double[] values = new double[node.size()];
        for (int i = 0; i < node.size(); i++) {
            values[i] = node.get(i).doubleValue();
        }
        return values;
    }

    /** The raw IEEE-754 bits, so that equality means bit for bit. */
    static long[][] bits(double[][] points) {
        long[][] bits = new long[points.length][];
        for (int i = 0; i < points.length; i++) {
            bits[i] = bits(points[i]);
        }
        return bits;
    }

    static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
