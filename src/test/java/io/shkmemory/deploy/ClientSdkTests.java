package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import io.shkmemory.client.ApiClient;
import io.shkmemory.client.ApiException;
import io.shkmemory.client.api.DivergenceApi;
import io.shkmemory.client.api.MemoriesApi;
import io.shkmemory.client.api.PatternsApi;
import io.shkmemory.client.api.RecallApi;
import io.shkmemory.client.model.DivergenceRequest;
import io.shkmemory.client.model.DivergenceResponse;
import io.shkmemory.client.model.FieldError;
import io.shkmemory.client.model.BatchPattern;
import io.shkmemory.client.model.BatchRequest;
import io.shkmemory.client.model.MeasureBody;
import io.shkmemory.client.model.MemoryRequest;
import io.shkmemory.client.model.MemoryResponse;
import io.shkmemory.client.model.PatternPage;
import io.shkmemory.client.model.PatternRequest;
import io.shkmemory.client.model.PatternResponse;
import io.shkmemory.client.model.PatternSummary;
import io.shkmemory.client.model.ProblemDetail;
import io.shkmemory.client.model.RetrieveRequest;
import io.shkmemory.client.model.RetrieveResponse;
import io.shkmemory.client.model.SearchMatch;
import io.shkmemory.client.model.SearchRequest;
import io.shkmemory.client.model.SearchResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the running service through the Java SDK that the build generates from
 * src/main/openapi/shk-memory-v1.json, as a client application would. Needs the service's
 * API; skipped on a build without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", // same as ExportedMetricsTests: one shared context
                "management.endpoints.web.exposure.include=health,info,prometheus",
                "management.endpoint.health.probes.enabled=true" })
class ClientSdkTests {

    private static final String MEMORY = "sdk-check";
    private static final double DIVERGENCE_TOLERANCE = 1e-6;

    private static final List<List<Double>> CORNER = points(0, 0, 1, 0, 0, 1);
    private static final List<List<Double>> FAR = points(5, 5, 6, 5, 5, 6);
    private static final List<List<Double>> LINE = points(-4, 0, -3, 0, -2, 0);
    private static final List<List<Double>> NOISY_CORNER = points(0.1, -0.05, 0.95, 0.1, -0.05, 1.1);

    @LocalServerPort
    int httpPort;

    private ApiClient client;
    private MemoriesApi memories;
    private PatternsApi patterns;
    private RecallApi recall;

    @BeforeEach
    void connect() {
        RunningService.assumeApiPresent(RunningService.apiDocs(httpPort));
        client = new ApiClient();
        client.updateBaseUri("http://localhost:" + httpPort);
        memories = new MemoriesApi(client);
        patterns = new PatternsApi(client);
        recall = new RecallApi(client);
    }

    @AfterEach
    void deleteMemory() {
        if (memories != null) {
            try {
                memories.deleteMemory(MEMORY);
            } catch (ApiException ignored) {
                // the test already deleted it, or never created it
            }
        }
    }

    /** Points of a 2-D cloud from x1, y1, x2, y2, ... */
    private static List<List<Double>> points(double... coordinates) {
        List<List<Double>> points = new java.util.ArrayList<>();
        for (int i = 0; i < coordinates.length; i += 2) {
            points.add(List.of(coordinates[i], coordinates[i + 1]));
        }
        return points;
    }

    private void createMemoryWithThreePatterns() throws ApiException {
        MemoryResponse memory = memories.putMemory(MEMORY, new MemoryRequest().dimension(2).epsilon(0.05).beta(50.0)
                .description("SDK check"));
        assertThat(memory.getName()).isEqualTo(MEMORY);
        assertThat(memory.getDimension()).isEqualTo(2);

        var upserted = patterns.upsertPatterns(MEMORY, new BatchRequest().patterns(List.of(
                new BatchPattern().id("corner").points(CORNER).metadata(Map.of("shape", "corner")),
                new BatchPattern().id("far").points(FAR).weights(List.of(0.5, 0.25, 0.25)))));
        assertThat(upserted.getUpserted()).isEqualTo(2);

        PatternSummary line = patterns.putPattern(MEMORY, "line",
                new PatternRequest().points(LINE).metadata(Map.of("shape", "line")));
        assertThat(line.getId()).isEqualTo("line");
        assertThat(line.getPointCount()).isEqualTo(3);
    }

    @Test
    void createsAMemoryAndUpsertsAndReadsBackPatterns() throws ApiException {
        createMemoryWithThreePatterns();

        assertThat(memories.getMemory(MEMORY).getPatternCount()).isEqualTo(3);
        assertThat(memories.listMemories().getMemories()).extracting(MemoryResponse::getName).contains(MEMORY);

        PatternPage page = patterns.listPatterns(MEMORY, 10, null);
        assertThat(page.getPatterns()).extracting(PatternSummary::getId)
                .containsExactlyInAnyOrder("corner", "far", "line");

        PatternResponse far = patterns.getPattern(MEMORY, "far");
        assertThat(far.getPoints()).isEqualTo(FAR);
        assertThat(far.getWeights()).containsExactly(0.5, 0.25, 0.25);
        assertThat(patterns.getPattern(MEMORY, "corner").getMetadata()).containsEntry("shape", "corner");
    }

    @Test
    void retrieveRecallsThePatternANoisyQueryCameFrom() throws ApiException {
        createMemoryWithThreePatterns();

        RetrieveResponse recalled = recall.retrieve(MEMORY, new RetrieveRequest()
                .query(new MeasureBody().points(NOISY_CORNER)).topK(3).includeTrace(true));

        assertThat(recalled.getPatternId()).isEqualTo("corner");
        assertThat(recalled.getMetadata()).containsEntry("shape", "corner");
        assertThat(recalled.getStopReason().getValue()).isIn("converged", "max_steps", "timeout");
        assertThat(recalled.getRetrieved().getPoints()).hasSize(NOISY_CORNER.size());
        assertThat(recalled.getMatches()).hasSize(3);
        assertThat(recalled.getMatches().get(0).getPatternId()).isEqualTo("corner");
        assertThat(recalled.getEnergy().getFinal()).isLessThanOrEqualTo(recalled.getEnergy().getInitial());
        assertThat(recalled.getTrace()).isNotEmpty();
    }

    @Test
    void searchListsTheClosestPatternsFirst() throws ApiException {
        createMemoryWithThreePatterns();

        SearchResponse found = recall.search(MEMORY,
                new SearchRequest().query(new MeasureBody().points(NOISY_CORNER)).topK(2));

        assertThat(found.getMatches()).hasSize(2);
        assertThat(found.getMatches().get(0).getPatternId()).isEqualTo("corner");
        assertThat(found.getMatches()).extracting(SearchMatch::getDivergence).isSorted();
    }

    @Test
    void divergenceOfAMeasureWithItselfIsZero() throws ApiException {
        MeasureBody measure = new MeasureBody().points(NOISY_CORNER);
        DivergenceResponse divergence = new DivergenceApi(client).divergence(
                new DivergenceRequest().source(measure).target(measure).epsilon(0.05));
        assertThat(divergence.getDivergence()).isCloseTo(0.0,
                org.assertj.core.api.Assertions.within(DIVERGENCE_TOLERANCE));
    }

    @Test
    void weightsThatDoNotMatchThePointsAreATypedBadRequest() throws ApiException {
        createMemoryWithThreePatterns();

        ApiException error = catchThrowableOfType(ApiException.class, () -> patterns.putPattern(MEMORY, "bad",
                new PatternRequest().points(CORNER).weights(List.of(0.5, 0.5))));

        ProblemDetail problem = problem(error);
        assertThat(error.getCode()).isEqualTo(400);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getErrors()).extracting(FieldError::getField).anyMatch(f -> f.startsWith("weights"));
    }

    @Test
    void pointsOfAnotherDimensionThanTheMemoryAreAConflict() throws ApiException {
        createMemoryWithThreePatterns();

        ApiException error = catchThrowableOfType(ApiException.class, () -> patterns.putPattern(MEMORY, "bad",
                new PatternRequest().points(List.of(List.of(1.0, 2.0, 3.0)))));

        assertThat(error.getCode()).isEqualTo(409);
        assertThat(problem(error).getStatus()).isEqualTo(409);
    }

    @Test
    void negativeQueryWeightsAreATypedBadRequest() throws ApiException {
        createMemoryWithThreePatterns();

        ApiException error = catchThrowableOfType(ApiException.class, () -> recall.retrieve(MEMORY,
                new RetrieveRequest().query(new MeasureBody().points(NOISY_CORNER).weights(List.of(-1.0, 1.0, 1.0)))));

        assertThat(error.getCode()).isEqualTo(400);
        assertThat(problem(error).getErrors()).extracting(FieldError::getField)
                .anyMatch(f -> f.startsWith("query.weights"));
    }

    @Test
    void unknownMemoryIsATypedNotFound() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> memories.getMemory("no-such-memory"));

        assertThat(error.getCode()).isEqualTo(404);
        assertThat(problem(error).getStatus()).isEqualTo(404);
    }

    @Test
    void changingTheDimensionOfAMemoryWithPatternsIsAConflict() throws ApiException {
        createMemoryWithThreePatterns();

        ApiException error = catchThrowableOfType(ApiException.class,
                () -> memories.putMemory(MEMORY, new MemoryRequest().dimension(3)));

        assertThat(error.getCode()).isEqualTo(409);
        assertThat(problem(error).getStatus()).isEqualTo(409);
    }

    @Test
    void deletedMemoryIsGone() throws ApiException {
        createMemoryWithThreePatterns();

        memories.deleteMemory(MEMORY);

        assertThat(catchThrowableOfType(ApiException.class, () -> memories.getMemory(MEMORY)).getCode())
                .isEqualTo(404);
    }

    /** The problem+json body of an error answer, read with the SDK's own mapper and model. */
    private ProblemDetail problem(ApiException error) {
        assertThat(error).isNotNull();
        assertThat(error.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        try {
            return client.getObjectMapper().readValue(error.getResponseBody(), ProblemDetail.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not a problem detail: " + error.getResponseBody(), e);
        }
    }
}
