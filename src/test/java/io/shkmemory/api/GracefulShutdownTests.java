package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.context.ApplicationListener;

/** On shutdown, readiness goes DOWN first and a retrieval already running still gets its answer. */
class GracefulShutdownTests {

    @TempDir
    Path dataDir;

    @Test
    void shutdownRefusesTrafficFirstAndLetsARunningRetrievalFinish() throws Exception {
        RunningService service = RunningService.start(TestDatabases.h2File(dataDir));
        List<Object> states = new CopyOnWriteArrayList<>();
        List<Long> stateTimes = new CopyOnWriteArrayList<>();
        service.context().addApplicationListener(
                (ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
                    states.add(event.getState());
                    stateTimes.add(System.nanoTime());
                });
        ApiClient api = service.api;
        SplittableRandom random = new SplittableRandom(7);
        api.put("/v1/memories/busy", Map.of("dimension", 3));
        assertThat(api.post("/v1/memories/busy/patterns",
                Clouds.overlappingBatch(random, 400, 24, 3)).status()).isEqualTo(200);
        // Overlapping clouds defeat the pruning bound and a tolerance of 1e-12 is never met:
        // the retrieval runs until its own deadline of 2 s.
        Map<String, Object> request = Map.of(
                "query", Clouds.measure(Clouds.uniform(random, 24, 3)),
                "tolerance", 1e-12, "maxSteps", 10_000, "timeoutMillis", 2_000);

        long sent = System.nanoTime();
        CompletableFuture<ApiClient.Answer> inFlight = CompletableFuture.supplyAsync(
                () -> api.post("/v1/memories/busy/retrieve", request));
        Thread.sleep(500);
        assertThat(inFlight).as("still running when the shutdown starts").isNotDone();
        service.close();
        ApiClient.Answer answer = inFlight.get(60, TimeUnit.SECONDS);
        long answered = System.nanoTime();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("stopReason").asText()).isEqualTo("timeout");
        assertThat(TimeUnit.NANOSECONDS.toMillis(answered - sent)).isGreaterThanOrEqualTo(2_000);
        int refusing = states.indexOf(
                org.springframework.boot.availability.ReadinessState.REFUSING_TRAFFIC);
        assertThat(refusing).as("readiness went to REFUSING_TRAFFIC").isNotNegative();
        assertThat(stateTimes.get(refusing)).as("readiness down before the answer")
                .isLessThan(answered);
    }
}
