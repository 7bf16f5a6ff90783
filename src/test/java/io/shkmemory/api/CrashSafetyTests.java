package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.shkmemory.engine.Measure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Crash safety: the packaged jar runs in its own process while 8 writers upsert batches of
 * patterns; the process is killed with SIGKILL at a random moment and started again on the
 * same database. Every acknowledged batch must then be present and bitwise intact, and every
 * batch whose answer was lost must be there entirely or not at all. Five rounds.
 *
 * <p>Needs target/shk-memory-*.jar ({@code ./mvnw package -DskipTests}); runs only with
 * {@code -Dshk.test.crash=true}, as .ci/run does, because each round starts a JVM.
 */
abstract class CrashSafetyTests {

    static final int ROUNDS = 5;
    static final int WRITERS = 8;
    static final int DIMENSION = 3;
    private static final String MEMORY = "crash";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Batch> acknowledged = new ArrayList<>();
    private final List<Batch> unanswered = new ArrayList<>();

    /** Spring properties that point the service at this test's database. */
    abstract Map<String, Object> database();

    /** A batch a writer sent, with what it sent. */
    record Batch(String prefix, List<String> ids, List<double[][]> points,
                 List<double[]> weights) {
    }

    @Test
    void acknowledgedWritesSurviveSigkillIntactAndBatchesAreAllOrNothing() throws Exception {
        Map<String, Object> database = database();
        SplittableRandom random = new SplittableRandom(20261203);
        for (int round = 0; round <= ROUNDS; round++) {
            try (Service service = Service.start(database, round)) {
                verify(service, round);
                if (round == ROUNDS) {
                    break;
                }
                if (round == 0) {
                    assertThat(send(service, "PUT", "/v1/memories/" + MEMORY,
                            "{\"dimension\": " + DIMENSION + "}").statusCode()).isIn(200, 201);
                }
                writeUntilKilled(service, round, random.split(),
                        1000 + random.nextInt(2500));
            }
        }
        System.out.printf("%s: %d rounds, %d batches acknowledged, %d unanswered%n",
                getClass().getSimpleName(), ROUNDS, acknowledged.size(), unanswered.size());
        assertThat(acknowledged).as("acknowledged batches").hasSizeGreaterThan(ROUNDS * WRITERS);
    }

    /** Runs the writers, kills the process after {@code killAfterMillis}, stops the writers. */
    private void writeUntilKilled(Service service, int round, SplittableRandom random,
                                  long killAfterMillis) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Batch> acked = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Batch> lost = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            SplittableRandom own = random.split();
            String writer = "r" + round + "-w" + w;
            Thread thread = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    Batch batch = batch(own, writer + "-b" + n);
                    try {
                        HttpResponse<String> answer = send(service, "POST",
                                "/v1/memories/" + MEMORY + "/patterns", body(batch));
                        (answer.statusCode() == 200 ? acked : lost).add(batch);
                    } catch (IllegalStateException e) {
                        lost.add(batch);
                        return;
                    }
                }
            }, writer);
            thread.start();
            writers.add(thread);
        }
        Thread.sleep(killAfterMillis);
        service.kill();
        stop.set(true);
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        acknowledged.addAll(acked);
        unanswered.addAll(lost);
    }

    private void verify(Service service, int round) {
        Set<String> stored = storedIds(service);
        for (Batch batch : acknowledged) {
            for (int j = 0; j < batch.ids().size(); j++) {
                String id = batch.ids().get(j);
                assertThat(stored).as("round %d: acknowledged %s", round, id).contains(id);
                HttpResponse<String> answer = send(service, "GET",
                        "/v1/memories/" + MEMORY + "/patterns/" + id, null);
                assertThat(answer.statusCode()).as("round %d: GET %s", round, id).isEqualTo(200);
                JsonNode pattern = ApiClient.JSON.readTree(answer.body());
                double[][] points = batch.points().get(j);
                assertThat(Clouds.bits(Clouds.points(pattern.get("points"))))
                        .as("round %d: points of %s", round, id).isEqualTo(Clouds.bits(points));
                double[] normalised = Measure.of(points, batch.weights().get(j)).weights();
                assertThat(Clouds.bits(Clouds.doubles(pattern.get("weights"))))
                        .as("round %d: weights of %s", round, id)
                        .isEqualTo(Clouds.bits(normalised));
            }
        }
        Set<String> known = new TreeSet<>();
        for (Batch batch : unanswered) {
            long present = batch.ids().stream().filter(stored::contains).count();
            assertThat(present).as("round %d: batch %s is all or nothing", round, batch.prefix())
                    .isIn(0L, (long) batch.ids().size());
            known.addAll(batch.ids());
        }
        acknowledged.forEach(b -> known.addAll(b.ids()));
        assertThat(known).as("round %d: nothing stored that no writer sent", round)
                .containsAll(stored);
    }

    private Set<String> storedIds(Service service) {
        Set<String> ids = new TreeSet<>();
        String cursor = null;
        do {
            String path = "/v1/memories/" + MEMORY + "/patterns?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> answer = send(service, "GET", path, null);
            if (answer.statusCode() == 404) {
                return ids;
            }
            JsonNode page = ApiClient.JSON.readTree(answer.body());
            page.get("patterns").forEach(p -> ids.add(p.get("id").asString()));
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return ids;
    }

    /** 1 to 5 patterns of 1 to 8 points with random bits in every mantissa. */
    private static Batch batch(SplittableRandom random, String prefix) {
        int size = 1 + random.nextInt(5);
        List<String> ids = new ArrayList<>();
        List<double[][]> points = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            int n = 1 + random.nextInt(8);
            double[][] cloud = new double[n][DIMENSION];
            for (double[] p : cloud) {
                for (int k = 0; k < DIMENSION; k++) {
                    p[k] = (random.nextDouble() - 0.5) * 1e3;
                }
            }
            double[] w = null;
            if (random.nextBoolean()) {
                w = new double[n];
                for (int i = 0; i < n; i++) {
                    w[i] = 0.01 + random.nextDouble();
                }
            }
            ids.add(prefix + "-" + j);
            points.add(cloud);
            weights.add(w);
        }
        return new Batch(prefix, ids, points, weights);
    }

    private static String body(Batch batch) {
        List<Map<String, Object>> patterns = new ArrayList<>();
        for (int j = 0; j < batch.ids().size(); j++) {
            Map<String, Object> pattern = new LinkedHashMap<>();
            pattern.put("id", batch.ids().get(j));
            pattern.put("points", batch.points().get(j));
            if (batch.weights().get(j) != null) {
                pattern.put("weights", batch.weights().get(j));
            }
            patterns.add(pattern);
        }
        return ApiClient.JSON.writeValueAsString(Map.of("patterns", patterns));
    }

    private HttpResponse<String> send(Service service, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port + path))
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The packaged service in a child JVM. */
    static final class Service implements AutoCloseable {

        final int port;
        private final Process process;

        private Service(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Service start(Map<String, Object> database, int round) throws IOException {
            int port = freePort();
            int management = freePort();
            Path log = Path.of("target", "crash-logs", "round-" + round + "-" + port + ".log");
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                    "--server.port=" + port, "--management.server.port=" + management,
                    "--server.address=127.0.0.1", "--management.server.address=127.0.0.1",
                    "--spring.main.banner-mode=off"));
            database.forEach((key, value) -> command.add("--" + key + "=" + value));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Service service = new Service(port, process);
            service.awaitReady(management, log);
            return service;
        }

        private void awaitReady(int management, Path log) {
            ApiClient probe = new ApiClient("http://127.0.0.1:" + management);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (probe.get("/actuator/health/readiness").status() == 200) {
                        return;
                    }
                } catch (IllegalStateException e) {
                    // not listening yet
                }
                RunningService.sleep(100);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the service did not get ready; see " + log);
        }

        /** SIGKILL: no shutdown hook, no flush, no graceful anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }

        private static Path jar() {
            File[] jars = new File("target").listFiles((dir, name) ->
                    name.startsWith("shk-memory-") && name.endsWith(".jar")
                            && !name.endsWith("-plain.jar") && !name.endsWith("sources.jar"));
            if (jars == null || jars.length == 0) {
                throw new IllegalStateException("no target/shk-memory-*.jar: run "
                        + "./mvnw package -DskipTests first");
            }
            return jars[0].toPath();
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
