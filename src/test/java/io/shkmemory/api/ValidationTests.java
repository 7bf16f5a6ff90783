package io.shkmemory.api;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.shkmemory.memory.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every input rule of the HTTP contract: each 4xx is application/problem+json and names the
 * field at fault. Memory {@code m} (dimension 3) with pattern {@code p} exists in each test.
 */
@MockMvcServiceTest
class ValidationTests {

    private static final String POINTS = "[[0,0,0],[1,0,0],[0,1,0]]";
    private static final String QUERY = "{\"points\": " + POINTS + "}";

    @Autowired
    MockMvc mvc;

    @Autowired
    MemoryIndex index;

    @BeforeEach
    void memoryWithOnePattern() throws Exception {
        while (!index.isLoaded()) {
            Thread.sleep(10);
        }
        mvc.perform(json(put("/v1/memories/m"), "{\"dimension\": 3}"));
        mvc.perform(json(put("/v1/memories/m/patterns/p"), "{\"points\": " + POINTS + "}"))
                .andExpect(status().is2xxSuccessful());
    }

    // names and ids

    @Test
    void memoryNameWithForbiddenCharactersIsRejected() throws Exception {
        expectProblem(mvc.perform(get("/v1/memories/bad name")), 400, "name");
        expectProblem(mvc.perform(json(put("/v1/memories/a+b"), "{\"dimension\": 3}")), 400,
                "name");
    }

    @Test
    void memoryNameLongerThan64IsRejected() throws Exception {
        expectProblem(mvc.perform(get("/v1/memories/" + "a".repeat(65))), 400, "name");
        mvc.perform(json(put("/v1/memories/" + "a".repeat(64)), "{\"dimension\": 3}"))
                .andExpect(status().isCreated());
    }

    @Test
    void patternIdLongerThan128OrWithForbiddenCharactersIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/" + "x".repeat(129)),
                "{\"points\": " + POINTS + "}")), 400, "id");
        expectProblem(mvc.perform(get("/v1/memories/m/patterns/a*b")), 400, "id");
        mvc.perform(json(put("/v1/memories/m/patterns/" + "x".repeat(128)),
                "{\"points\": " + POINTS + "}")).andExpect(status().isCreated());
    }

    // memories

    @Test
    void memoryWithoutDimensionIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/n"), "{\"epsilon\": 0.1}")), 400,
                "dimension");
    }

    @Test
    void memoryWithDimensionBelowOneIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/n"), "{\"dimension\": 0}")), 400,
                "dimension");
    }

    @Test
    void memoryWithDimensionAboveTheLimitIsTooLarge() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/n"), "{\"dimension\": 17}")), 413,
                "dimension");
    }

    @Test
    void memoryWithFractionalDimensionIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/n"), "{\"dimension\": 2.5}")), 400,
                "dimension");
    }

    @Test
    void memoryWithNonPositiveOrNonFiniteEpsilonIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/n"),
                "{\"dimension\": 3, \"epsilon\": -1}")), 400, "epsilon");
        expectProblem(mvc.perform(json(put("/v1/memories/n"),
                "{\"dimension\": 3, \"epsilon\": \"NaN\"}")), 400, "epsilon");
    }

    @Test
    void memoryWithNonFiniteBetaIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/n"),
                "{\"dimension\": 3, \"beta\": \"Infinity\"}")), 400, "beta");
        expectProblem(mvc.perform(json(put("/v1/memories/n"),
                "{\"dimension\": 3, \"beta\": 1e999}")), 400, "beta");
        expectProblem(mvc.perform(json(put("/v1/memories/n"),
                "{\"dimension\": 3, \"beta\": 0}")), 400, "beta");
    }

    @Test
    void memoryWithOverlongDescriptionIsRejected() throws Exception {
        String description = "d".repeat(RequestChecks.MAX_DESCRIPTION + 1);
        expectProblem(mvc.perform(json(put("/v1/memories/n"),
                "{\"dimension\": 3, \"description\": \"" + description + "\"}")), 400,
                "description");
    }

    @Test
    void changingTheDimensionOfAMemoryWithPatternsIsAConflict() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m"), "{\"dimension\": 2}")), 409,
                "dimension");
    }

    @Test
    void changingTheDimensionOfAnEmptyMemoryIsAllowed() throws Exception {
        mvc.perform(json(put("/v1/memories/e"), "{\"dimension\": 3}"));
        mvc.perform(json(put("/v1/memories/e"), "{\"dimension\": 2}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dimension").value(2));
    }

    @Test
    void unknownMemoryIsNotFound() throws Exception {
        expectProblem(mvc.perform(get("/v1/memories/nowhere")), 404, "name");
        expectProblem(mvc.perform(delete("/v1/memories/nowhere")), 404, "name");
        expectProblem(mvc.perform(json(put("/v1/memories/nowhere/patterns/p"),
                "{\"points\": " + POINTS + "}")), 404, "name");
        expectProblem(mvc.perform(json(post("/v1/memories/nowhere/retrieve"),
                "{\"query\": " + QUERY + "}")), 404, "name");
    }

    @Test
    void unknownPatternIsNotFound() throws Exception {
        expectProblem(mvc.perform(get("/v1/memories/m/patterns/nothing")), 404, "id");
        expectProblem(mvc.perform(delete("/v1/memories/m/patterns/nothing")), 404, "id");
    }

    // bodies

    @Test
    void missingBodyIsRejected() throws Exception {
        expectProblem(mvc.perform(put("/v1/memories/n").contentType(MediaType.APPLICATION_JSON)),
                400, "body");
    }

    @Test
    void malformedJsonIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/n"), "{\"dimension\": 3")), 400,
                "body");
    }

    @Test
    void wrongTypeIsRejectedAtItsPath() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": [[0, 0, \"x\"]]}")), 400, "points[0][2]");
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": {\"a\": 1}}")), 400, "points");
    }

    @Test
    void nullCoordinateIsRejectedAtItsPath() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": [[0, null, 0]]}")), 400, "points[0][1]");
    }

    @Test
    void problemsAreProblemJsonEvenWhenTheClientAsksForJson() throws Exception {
        mvc.perform(get("/v1/memories/bad name").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void bodyOverTheByteLimitIsTooLarge() throws Exception {
        String huge = "{\"points\": " + POINTS + ", \"metadata\": {\"x\": \""
                + "y".repeat(30_000) + "\"}}";
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"), huge)), 413, "body");
    }

    // patterns

    @Test
    void patternWithoutPointsIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"), "{}")), 400, "points");
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"), "{\"points\": []}")),
                400, "points");
    }

    @Test
    void patternWithNonFiniteCoordinateIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": [[0, 0, 0], [0, 1e999, 0]]}")), 400, "points[1][1]");
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": [[0, 0, \"NaN\"]]}")), 400, "points[0][2]");
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": [[\"-Infinity\", 0, 0]]}")), 400, "points[0][0]");
    }

    @Test
    void patternWithRaggedPointsIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": [[0, 0, 0], [0, 1]]}")), 400, "points[1]");
    }

    @Test
    void patternOfAnotherDimensionIsAConflict() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": [[0, 0], [0, 1]]}")), 409, "points");
    }

    @Test
    void patternWithTooManyPointsIsTooLarge() throws Exception {
        String points = "[" + "[0,0,0],".repeat(50) + "[1,1,1]]";
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": " + points + "}")), 413, "points");
    }

    @Test
    void patternWithInvalidWeightsIsRejected() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": " + POINTS + ", \"weights\": [1, -1, 1]}")), 400, "weights[1]");
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": " + POINTS + ", \"weights\": [1, 1]}")), 400, "weights");
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": " + POINTS + ", \"weights\": [0, 0, 0]}")), 400, "weights");
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": " + POINTS + ", \"weights\": [1, \"NaN\", 1]}")), 400,
                "weights[1]");
    }

    @Test
    void patternWithOversizedOrNonFiniteMetadataIsRefused() throws Exception {
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": " + POINTS + ", \"metadata\": {\"x\": \"" + "y".repeat(100)
                        + "\"}}")), 413, "metadata");
        expectProblem(mvc.perform(json(put("/v1/memories/m/patterns/q"),
                "{\"points\": " + POINTS + ", \"metadata\": {\"x\": [1, 1e999]}}")), 400,
                "metadata.x[1]");
    }

    // batches

    @Test
    void batchWithoutPatternsIsRejected() throws Exception {
        expectProblem(mvc.perform(json(post("/v1/memories/m/patterns"), "{}")), 400,
                "patterns");
        expectProblem(mvc.perform(json(post("/v1/memories/m/patterns"),
                "{\"patterns\": []}")), 400, "patterns");
    }

    @Test
    void batchOverTheLimitIsTooLarge() throws Exception {
        String item = "{\"id\": \"%s\", \"points\": " + POINTS + "}";
        String body = "{\"patterns\": [" + String.join(",", item.formatted("a"),
                item.formatted("b"), item.formatted("c"), item.formatted("d")) + "]}";
        expectProblem(mvc.perform(json(post("/v1/memories/m/patterns"), body)), 413,
                "patterns");
    }

    @Test
    void batchWithRepeatedOrInvalidIdsIsRejected() throws Exception {
        String body = "{\"patterns\": [{\"id\": \"a\", \"points\": " + POINTS + "}, "
                + "{\"id\": \"a\", \"points\": " + POINTS + "}, "
                + "{\"points\": " + POINTS + "}]}";
        ResultActions answer = mvc.perform(json(post("/v1/memories/m/patterns"), body));
        expectProblem(answer, 400, "patterns[1].id");
        answer.andExpect(jsonPath("$.errors[*].field", hasItem("patterns[2].id")));
    }

    @Test
    void batchNamesTheInvalidFieldOfTheInvalidPattern() throws Exception {
        String body = "{\"patterns\": [{\"id\": \"a\", \"points\": " + POINTS + "}, "
                + "{\"id\": \"b\", \"points\": [[0, 0, 0]], \"weights\": [-2]}]}";
        expectProblem(mvc.perform(json(post("/v1/memories/m/patterns"), body)), 400,
                "patterns[1].weights[0]");
        mvc.perform(get("/v1/memories/m/patterns/a")).andExpect(status().isNotFound());
    }

    // listing

    @Test
    void pageLimitOutsideOneToThousandIsRejected() throws Exception {
        expectProblem(mvc.perform(get("/v1/memories/m/patterns?limit=0")), 400, "limit");
        expectProblem(mvc.perform(get("/v1/memories/m/patterns?limit=1001")), 400, "limit");
        expectProblem(mvc.perform(get("/v1/memories/m/patterns?limit=ten")), 400, "limit");
    }

    @Test
    void cursorNotIssuedByTheApiIsRejected() throws Exception {
        expectProblem(mvc.perform(get("/v1/memories/m/patterns?cursor=%%%")), 400, "cursor");
        expectProblem(mvc.perform(get("/v1/memories/m/patterns?cursor=Kio")), 400, "cursor");
    }

    // retrieve and search

    @Test
    void retrieveWithoutQueryIsRejected() throws Exception {
        expectProblem(mvc.perform(json(post("/v1/memories/m/retrieve"), "{}")), 400, "query");
    }

    @Test
    void retrieveWithNonFiniteQueryPointIsRejected() throws Exception {
        expectProblem(mvc.perform(json(post("/v1/memories/m/retrieve"),
                "{\"query\": {\"points\": [[0, 0, 1e999]]}}")), 400, "query.points[0][2]");
    }

    @Test
    void retrieveWithQueryOfAnotherDimensionIsAConflict() throws Exception {
        expectProblem(mvc.perform(json(post("/v1/memories/m/retrieve"),
                "{\"query\": {\"points\": [[0, 0]]}}")), 409, "query.points");
        expectProblem(mvc.perform(json(post("/v1/memories/m/search"),
                "{\"query\": {\"points\": [[0, 0]]}}")), 409, "query.points");
    }

    @Test
    void retrieveWithInvalidSettingsNamesEachOne() throws Exception {
        String body = "{\"query\": " + QUERY + ", \"beta\": -1, \"epsilon\": \"NaN\", "
                + "\"transportStep\": 0, \"weightStep\": -0.5, \"maxSteps\": -1, "
                + "\"tolerance\": 0, \"timeoutMillis\": 0}";
        ResultActions answer = mvc.perform(json(post("/v1/memories/m/retrieve"), body));
        expectProblem(answer, 400, "beta");
        for (String field : new String[] {"epsilon", "transportStep", "weightStep", "maxSteps",
                "tolerance", "timeoutMillis"}) {
            answer.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        }
    }

    @Test
    void retrieveWithSettingsAboveTheLimitsIsRejected() throws Exception {
        expectProblem(mvc.perform(json(post("/v1/memories/m/retrieve"),
                "{\"query\": " + QUERY + ", \"maxSteps\": 501}")), 400, "maxSteps");
        expectProblem(mvc.perform(json(post("/v1/memories/m/retrieve"),
                "{\"query\": " + QUERY + ", \"timeoutMillis\": 10001}")), 400, "timeoutMillis");
        expectProblem(mvc.perform(json(post("/v1/memories/m/retrieve"),
                "{\"query\": " + QUERY + ", \"topK\": 21}")), 413, "topK");
        expectProblem(mvc.perform(json(post("/v1/memories/m/retrieve"),
                "{\"query\": " + QUERY + ", \"topK\": 0}")), 400, "topK");
    }

    @Test
    void retrieveFromAnEmptyMemoryIsAConflict() throws Exception {
        mvc.perform(json(put("/v1/memories/empty"), "{\"dimension\": 3}"));
        expectProblem(mvc.perform(json(post("/v1/memories/empty/retrieve"),
                "{\"query\": " + QUERY + "}")), 409, "name");
    }

    @Test
    void searchWithInvalidSettingsIsRejected() throws Exception {
        expectProblem(mvc.perform(json(post("/v1/memories/m/search"),
                "{\"query\": " + QUERY + ", \"topK\": 0}")), 400, "topK");
        expectProblem(mvc.perform(json(post("/v1/memories/m/search"),
                "{\"query\": " + QUERY + ", \"epsilon\": -0.1}")), 400, "epsilon");
        expectProblem(mvc.perform(json(post("/v1/memories/m/search"), "{}")), 400, "query");
    }

    // divergence

    @Test
    void divergenceWithMissingOrMismatchedMeasuresIsRejected() throws Exception {
        expectProblem(mvc.perform(json(post("/v1/divergence"),
                "{\"source\": {\"points\": [[0, 0]]}}")), 400, "target");
        expectProblem(mvc.perform(json(post("/v1/divergence"),
                "{\"source\": {\"points\": [[0, 0]]}, \"target\": {\"points\": [[0, 0, 0]]}}")),
                400, "target.points");
    }

    @Test
    void divergenceWithInvalidEpsilonOrToleranceIsRejected() throws Exception {
        String measures = "\"source\": {\"points\": [[0, 0]]}, \"target\": {\"points\": [[1, 0]]}";
        expectProblem(mvc.perform(json(post("/v1/divergence"),
                "{" + measures + ", \"epsilon\": 0}")), 400, "epsilon");
        expectProblem(mvc.perform(json(post("/v1/divergence"),
                "{" + measures + ", \"tolerance\": \"Infinity\"}")), 400, "tolerance");
    }

    @Test
    void divergenceOfACloudWithItselfIsZero() throws Exception {
        MvcResult started = mvc.perform(json(post("/v1/divergence"), "{\"source\": " + QUERY
                        + ", \"target\": " + QUERY + "}"))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.divergence", closeTo(0.0, 1e-9), Double.class))
                .andExpect(jsonPath("$.converged").value(true));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request,
                                                      String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static void expectProblem(ResultActions answer, int status, String field)
            throws Exception {
        answer.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").exists())
                .andExpect(jsonPath("$.detail").exists())
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }
}
