package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The whole service over HTTP on random ports: create a memory, store patterns, recall a
 * noisy permuted query, search, page, delete. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndTests {

    static final int DIMENSION = 3;
    static final int PATTERNS = 12;
    static final int POINTS = 10;
    static final double NOISE = 0.03;

    private RunningService service;
    private ApiClient api;

    /** Database properties of the instance under test. */
    abstract Map<String, Object> database();

    @BeforeAll
    void startService() {
        service = RunningService.start(database());
        api = service.api;
    }

    @AfterAll
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void retrievesTheRightPatternFromANoisyPermutedQuery() {
        SplittableRandom random = new SplittableRandom(7);
        List<double[][]> clouds = storeRandomPatterns("recall", random);
        int target = 4;
        double[][] query = Clouds.noisyPermuted(random, clouds.get(target), NOISE);

        ApiClient.Answer answer = api.post("/v1/memories/recall/retrieve",
                Map.of("query", Clouds.measure(query), "maxSteps", 1000, "tolerance", 1e-4, "topK", 3,
                        "includeTrace", true));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.get("patternId").asString()).isEqualTo(id(target));
        assertThat(body.get("converged").asBoolean()).isTrue();
        assertThat(body.get("stopReason").asString()).isEqualTo("converged");
        assertThat(body.get("metadata").get("index").asInt()).isEqualTo(target);
        assertThat(body.get("matches")).hasSize(3);
        assertThat(body.get("matches").get(0).get("patternId").asString()).isEqualTo(id(target));
        assertThat(body.get("retrieved").get("points")).hasSize(POINTS);
        assertThat(sum(Clouds.doubles(body.get("retrieved").get("weights"))))
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(body.get("energy").get("final").asDouble())
                .isLessThanOrEqualTo(body.get("energy").get("initial").asDouble());
        assertThat(body.get("trace").size()).isGreaterThan(0);
    }

    @Test
    void searchRanksThePatternTheQueryCameFromFirst() {
        SplittableRandom random = new SplittableRandom(11);
        List<double[][]> clouds = storeRandomPatterns("search", random);
        int target = 9;
        double[][] query = Clouds.noisyPermuted(random, clouds.get(target), NOISE);

        ApiClient.Answer answer = api.post("/v1/memories/search/search",
                Map.of("query", Clouds.measure(query)));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode matches = answer.body().get("matches");
        assertThat(matches).hasSize(5);
        assertThat(matches.get(0).get("patternId").asString()).isEqualTo(id(target));
        for (int i = 1; i < matches.size(); i++) {
            assertThat(matches.get(i).get("divergence").asDouble())
                    .isGreaterThanOrEqualTo(matches.get(i - 1).get("divergence").asDouble());
        }
    }

    @Test
    void pagesThroughEveryPatternOnceInIdOrder() {
        storeRandomPatterns("paging", new SplittableRandom(3));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "?limit=5" + (cursor == null ? "" : "&cursor=" + cursor);
            ApiClient.Answer page = api.get("/v1/memories/paging/patterns" + query);
            assertThat(page.status()).isEqualTo(200);
            page.body().get("patterns").forEach(p -> seen.add(p.get("id").asString()));
            JsonNode next = page.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);

        List<String> expected = new ArrayList<>();
        for (int k = 0; k < PATTERNS; k++) {
            expected.add(id(k));
        }
        assertThat(seen).containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(pages).isEqualTo((PATTERNS + 4) / 5);
    }

    @Test
    void readsPatternsBackBitForBitAndDeletesThem() {
        SplittableRandom random = new SplittableRandom(5);
        api.put("/v1/memories/crud", Map.of("dimension", DIMENSION));
        double[][] points = Clouds.uniform(random, POINTS, DIMENSION);
        Map<String, Object> pattern = new LinkedHashMap<>(Clouds.measure(points));
        pattern.put("metadata", Map.of("label", "one"));

        assertThat(api.put("/v1/memories/crud/patterns/one", pattern).status()).isEqualTo(201);
        assertThat(api.put("/v1/memories/crud/patterns/one", pattern).status()).isEqualTo(200);
        ApiClient.Answer read = api.get("/v1/memories/crud/patterns/one");
        assertThat(read.status()).isEqualTo(200);
        assertThat(Clouds.bits(Clouds.points(read.body().get("points"))))
                .isEqualTo(Clouds.bits(points));
        assertThat(read.body().get("metadata").get("label").asString()).isEqualTo("one");
        assertThat(api.get("/v1/memories/crud").body().get("patternCount").asInt()).isEqualTo(1);

        assertThat(api.delete("/v1/memories/crud/patterns/one").status()).isEqualTo(204);
        assertThat(api.get("/v1/memories/crud/patterns/one").status()).isEqualTo(404);
        assertThat(api.delete("/v1/memories/crud").status()).isEqualTo(204);
        assertThat(api.get("/v1/memories/crud").status()).isEqualTo(404);
    }

    @Test
    void batchWithOneBadPatternStoresNone() {
        api.put("/v1/memories/atomic", Map.of("dimension", 2));
        List<Map<String, Object>> patterns = List.of(
                Map.of("id", "good", "points", new double[][] {{0, 0}, {1, 1}}),
                Map.of("id", "bad", "points", new double[][] {{0, 0, 0}}));

        ApiClient.Answer answer = api.post("/v1/memories/atomic/patterns",
                Map.of("patterns", patterns));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().get("errors").get(0).get("field").asString())
                .isEqualTo("patterns[1].points");
        assertThat(api.get("/v1/memories/atomic").body().get("patternCount").asInt()).isZero();
        assertThat(api.get("/v1/memories/atomic/patterns/good").status()).isEqualTo(404);
    }

    @Test
    void prometheusEndpointPublishesTheServiceMeters() {
        SplittableRandom random = new SplittableRandom(13);
        List<double[][]> clouds = storeRandomPatterns("metrics", random);
        api.post("/v1/memories/metrics/retrieve", Map.of("query",
                Clouds.measure(Clouds.noisyPermuted(random, clouds.get(0), NOISE))));
        api.post("/v1/memories/metrics/search", Map.of("query",
                Clouds.measure(clouds.get(1))));

        ApiClient.Answer scrape = service.management.get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.text()).contains(
                "shk_retrieval_duration_seconds_bucket{",
                "shk_search_duration_seconds_bucket{",
                "shk_retrieval_steps_bucket{",
                "shk_sinkhorn_iterations_bucket{",
                "shk_retrieval_stops_total{reason=\"converged\"}",
                "shk_memory_patterns{memory=\"metrics\"} " + PATTERNS + ".0",
                "shk_memory_count ",
                "shk_engine_queue_depth ",
                "shk_engine_active ",
                "shk_engine_rejections_total ",
                "http_server_requests_seconds_bucket{");
    }

    /** Stores PATTERNS random clouds with ids p00.., the first by PUT and the rest in a batch. */
    private List<double[][]> storeRandomPatterns(String memory, SplittableRandom random) {
        assertThat(api.put("/v1/memories/" + memory, Map.of("dimension", DIMENSION)).status())
                .isEqualTo(201);
        List<double[][]> clouds = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int k = 0; k < PATTERNS; k++) {
            double[][] points = Clouds.uniform(random, POINTS, DIMENSION);
            clouds.add(points);
            Map<String, Object> pattern = new LinkedHashMap<>();
            pattern.put("id", id(k));
            pattern.put("points", points);
            pattern.put("metadata", Map.of("index", k));
            if (k == 0) {
                pattern.remove("id");
                assertThat(api.put("/v1/memories/" + memory + "/patterns/" + id(k), pattern)
                        .status()).isEqualTo(201);
            } else {
                batch.add(pattern);
            }
        }
        ApiClient.Answer stored = api.post("/v1/memories/" + memory + "/patterns",
                Map.of("patterns", batch));
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().get("upserted").asInt()).isEqualTo(PATTERNS - 1);
        return clouds;
    }

    static String id(int k) {
        return String.format("p%02d", k);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
