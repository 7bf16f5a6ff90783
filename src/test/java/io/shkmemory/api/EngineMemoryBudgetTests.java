package io.shkmemory.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.SplittableRandom;

import io.shkmemory.memory.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Work is sized by the heap its solves hold, 32 bytes per pair of points per solve held at
 * once, against {@code shk.engine.memory-budget}: here 1 MiB, so a cloud's own solve fits up
 * to floor(sqrt(2^20 / 32)) = 181 points. Beyond the budget the answer is 413 naming the
 * field, and nothing is stored.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:budget;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_DELAY=-1",
        "management.server.port=-1",
        "shk.engine.threads=2",
        "shk.engine.memory-budget=1MB"})
@AutoConfigureMockMvc
class EngineMemoryBudgetTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MemoryIndex index;

    @BeforeEach
    void indexLoaded() throws InterruptedException {
        while (!index.isLoaded()) {
            Thread.sleep(10);
        }
    }

    private static String cloud(long seed, int n) {
        StringBuilder json = new StringBuilder("{\"points\": [");
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append('[').append(random.nextDouble()).append(',')
                    .append(random.nextDouble()).append(']');
        }
        return json.append("]}").toString();
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body)
            throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions sendAsync(String path, String body) throws Exception {
        ResultActions sent = send(post(path), body);
        MvcResult started = sent.andReturn();
        return started.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(started)) : sent;
    }

    private static void expectBudgetProblem(ResultActions answer, String field) throws Exception {
        answer.andExpect(status().is(413))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(jsonPath("$.detail", containsString("memory budget of 1 MB")));
    }

    @Test
    void aPatternWhoseOwnSolveExceedsTheBudgetIsRefusedAndNothingIsStored() throws Exception {
        send(put("/v1/memories/plane"), "{\"dimension\": 2}").andExpect(status().isCreated());

        expectBudgetProblem(send(put("/v1/memories/plane/patterns/big"), cloud(1, 182)),
                "points");
        send(put("/v1/memories/plane/patterns/fits"), cloud(2, 181))
                .andExpect(status().is2xxSuccessful());

        mvc.perform(get("/v1/memories/plane")).andExpect(jsonPath("$.patternCount").value(1));
    }

    @Test
    void aDivergenceBlamesTheLargerCloud() throws Exception {
        expectBudgetProblem(sendAsync("/v1/divergence", "{\"source\": " + cloud(3, 182)
                + ", \"target\": " + cloud(4, 10) + "}"), "source.points");
        expectBudgetProblem(sendAsync("/v1/divergence", "{\"source\": " + cloud(3, 10)
                + ", \"target\": " + cloud(4, 182) + "}"), "target.points");
        sendAsync("/v1/divergence", "{\"source\": " + cloud(3, 181) + ", \"target\": "
                + cloud(4, 181) + "}").andExpect(status().isOk());
    }

    @Test
    void aRetrievalCountsTheSolvesItHoldsAtOnce() throws Exception {
        send(put("/v1/memories/pair"), "{\"dimension\": 2}").andExpect(status().isCreated());
        send(put("/v1/memories/pair/patterns/a"), cloud(5, 150))
                .andExpect(status().is2xxSuccessful());
        String query = "{\"query\": " + cloud(6, 150) + ", \"maxSteps\": 2}";
        // one pattern: one solve of 150 x 150 pairs, 720,000 bytes
        sendAsync("/v1/memories/pair/retrieve", query).andExpect(status().isOk());

        send(put("/v1/memories/pair/patterns/b"), cloud(7, 150))
                .andExpect(status().is2xxSuccessful());

        // two patterns on two threads: two such solves at once, 1,440,000 bytes > 1 MiB
        expectBudgetProblem(sendAsync("/v1/memories/pair/retrieve", query), "query.points");
        expectBudgetProblem(sendAsync("/v1/memories/pair/search", query), "query.points");
    }
}
