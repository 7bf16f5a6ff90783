package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Data written to the embedded H2 file survive a stop and a start on the same files. */
class H2RestartTests {

    @TempDir
    Path dataDir;

    @Test
    void everythingWrittenReadsBackBitForBitAfterARestart() {
        SplittableRandom random = new SplittableRandom(2026);
        List<double[][]> points = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        JsonNode memoryBefore;
        List<JsonNode> patternsBefore = new ArrayList<>();

        try (RunningService first = RunningService.start(TestDatabases.h2File(dataDir))) {
            ApiClient api = first.api;
            api.put("/v1/memories/durable", Map.of("dimension", 4, "epsilon", 0.07,
                    "beta", 42.5, "description", "kept across restarts"));
            for (int k = 0; k < 5; k++) {
                double[][] cloud = Clouds.uniform(random, 7 + k, 4);
                for (double[] p : cloud) {
                    p[0] = p[0] * 1e-3 - Math.PI;     // values with all 52 mantissa bits in use
                }
                double[] w = k % 2 == 0 ? null : powersOfTwoSummingToOne(cloud.length);
                points.add(cloud);
                weights.add(w);
                Map<String, Object> body = new LinkedHashMap<>(Clouds.measure(cloud));
                if (w != null) {
                    body.put("weights", w);
                }
                body.put("metadata", Map.of("k", k, "tag", "t" + k));
                assertThat(api.put("/v1/memories/durable/patterns/c" + k, body).status())
                        .isEqualTo(201);
            }
            memoryBefore = api.get("/v1/memories/durable").body();
            for (int k = 0; k < 5; k++) {
                patternsBefore.add(api.get("/v1/memories/durable/patterns/c" + k).body());
            }
        }

        try (RunningService second = RunningService.start(TestDatabases.h2File(dataDir))) {
            ApiClient api = second.api;
            assertThat(api.get("/v1/memories/durable").body()).isEqualTo(memoryBefore);
            for (int k = 0; k < 5; k++) {
                JsonNode after = api.get("/v1/memories/durable/patterns/c" + k).body();
                assertThat(Clouds.bits(Clouds.points(after.get("points"))))
                        .isEqualTo(Clouds.bits(points.get(k)));
                assertThat(Clouds.bits(Clouds.doubles(after.get("weights"))))
                        .isEqualTo(Clouds.bits(Clouds.doubles(patternsBefore.get(k).get("weights"))));
                if (weights.get(k) != null) {
                    assertThat(Clouds.bits(Clouds.doubles(after.get("weights"))))
                            .isEqualTo(Clouds.bits(weights.get(k)));
                }
                assertThat(after.get("metadata")).isEqualTo(patternsBefore.get(k).get("metadata"));
            }
        }
    }

    /** Weights 1/2, 1/4, ..., with the last repeated: they sum to exactly 1. */
    private static double[] powersOfTwoSummingToOne(int n) {
        double[] w = new double[n];
        double rest = 1.0;
        for (int i = 0; i < n - 1; i++) {
            w[i] = rest / 2;
            rest -= w[i];
        }
        w[n - 1] = rest;
        return w;
    }
}
