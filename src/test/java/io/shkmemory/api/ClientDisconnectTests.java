package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import io.shkmemory.memory.EngineExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that closes its connection while its request runs on the engine cancels that work,
 * on the real embedded server: the engine is idle again long before the work's own deadline.
 * Clients that stay, keep their connection alive, send trailing bytes or chunked bodies are
 * answered as usual.
 */
class ClientDisconnectTests {

    /** Far beyond what the cancellation may take; the work would run for 30 s or more. */
    private static final long PATIENCE_MILLIS = 10_000;

    @TempDir
    static Path dataDir;

    private static RunningService service;
    private static EngineExecutor engine;
    private static int port;

    @BeforeAll
    static void start() {
        service = RunningService.start(TestDatabases.h2File(dataDir));
        engine = service.context().getBean(EngineExecutor.class);
        port = Integer.parseInt(service.context().getEnvironment()
                .getProperty("local.server.port"));
        SplittableRandom random = new SplittableRandom(17);
        service.api.put("/v1/memories/busy", Map.of("dimension", 3));
        assertThat(service.api.post("/v1/memories/busy/patterns",
                Clouds.overlappingBatch(random, 400, 24, 3)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /**
     * Overlapping clouds defeat the pruning bound and a tolerance of 1e-12 is never met: the
     * retrieval runs until its deadline.
     */
    private static String slowRetrieval(long timeoutMillis) {
        SplittableRandom random = new SplittableRandom(timeoutMillis);
        return json(Map.of("query", Clouds.measure(Clouds.uniform(random, 24, 3)),
                "tolerance", 1e-12, "maxSteps", 10_000, "timeoutMillis", timeoutMillis));
    }

    @Test
    void aClientThatHangsUpCancelsItsRetrieval() throws Exception {
        assertThat(await(() -> engine.active() == 0)).as("the engine is idle at first").isTrue();
        try (Socket client = new Socket("127.0.0.1", port)) {
            RawHttp.post(client.getOutputStream(), port, "/v1/memories/busy/retrieve",
                    slowRetrieval(30_000).getBytes(StandardCharsets.UTF_8), false);
            assertThat(await(() -> engine.active() == 1)).as("the retrieval started").isTrue();
        }

        assertThat(await(() -> engine.active() == 0))
                .as("the engine is idle within %d ms of the hang-up", PATIENCE_MILLIS).isTrue();
    }

    @Test
    void aClientThatHangsUpCancelsItsDivergenceInsideTheSolve() throws Exception {
        // 2,000 points a side at eps 5e-4 and a tolerance below round-off, which no solve
        // meets: the solve sweeps to its cap, past the 60 s limit of the request, all inside
        // the solver (a tolerance the solver can meet, such as 1e-14, ends it within 2 s)
        SplittableRandom random = new SplittableRandom(3);
        String body = json(Map.of("source", Clouds.measure(Clouds.uniform(random, 2_000, 2)),
                "target", Clouds.measure(Clouds.uniform(random, 2_000, 2)),
                "epsilon", 5e-4, "tolerance", 1e-300));
        assertThat(await(() -> engine.active() == 0)).as("the engine is idle at first").isTrue();
        try (Socket client = new Socket("127.0.0.1", port)) {
            RawHttp.post(client.getOutputStream(), port, "/v1/divergence",
                    body.getBytes(StandardCharsets.UTF_8), false);
            assertThat(await(() -> engine.active() == 1)).as("the divergence started").isTrue();
            Thread.sleep(500);
        }

        assertThat(await(() -> engine.active() == 0))
                .as("the engine is idle within %d ms of the hang-up", PATIENCE_MILLIS).isTrue();
    }

    @Test
    void clientsThatStayAreAnsweredOnTheirKeptAliveConnection() throws Exception {
        try (Socket client = new Socket("127.0.0.1", port)) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            // bytes after the JSON document, then a chunked body: neither looks like a hang-up
            byte[] trailing = (slowRetrieval(700) + "\n\n  ").getBytes(StandardCharsets.UTF_8);
            byte[] chunked = slowRetrieval(600).getBytes(StandardCharsets.UTF_8);
            for (int round = 0; round < 2; round++) {
                RawHttp.post(out, port, "/v1/memories/busy/retrieve", trailing, false);
                RawHttp.Response first = RawHttp.Response.read(in);
                RawHttp.post(out, port, "/v1/memories/busy/retrieve", chunked, true);
                RawHttp.Response second = RawHttp.Response.read(in);

                for (RawHttp.Response answer : List.of(first, second)) {
                    assertThat(answer.status()).isEqualTo(200);
                    assertThat(ApiClient.JSON.readTree(answer.body()).get("stopReason").asText())
                            .isEqualTo("timeout");
                }
            }
        }
    }

    @Test
    void aPipelinedNextRequestIsNotTakenForAHangUpAndIsAnswered() throws Exception {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout((int) PATIENCE_MILLIS);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            // the second request is on the wire while the first waits for the engine, so the
            // probes read its bytes before the first answer is written
            RawHttp.post(out, port, "/v1/memories/busy/retrieve",
                    slowRetrieval(800).getBytes(StandardCharsets.UTF_8), false);
            RawHttp.post(out, port, "/v1/memories/busy/retrieve",
                    slowRetrieval(500).getBytes(StandardCharsets.UTF_8), false);

            for (int answer = 0; answer < 2; answer++) {
                RawHttp.Response response = RawHttp.Response.read(in);
                assertThat(response.status()).as("answer %d", answer).isEqualTo(200);
                assertThat(ApiClient.JSON.readTree(response.body()).get("stopReason").asText())
                        .isEqualTo("timeout");
            }
        }
    }

    private static String json(Object body) {
        return ApiClient.JSON.writeValueAsString(body);
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
