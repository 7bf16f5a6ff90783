import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load against a running shk-memory on loopback: throughput and p50/p99 latency
 * of search and retrieve at 1, 4 and 16 concurrent clients, then an overload phase. Every
 * phase is bounded in time and in requests. JDK only; run as a single-file program:
 *
 * <pre>java scripts/LoadTest.java http://127.0.0.1:18080 [phaseSeconds] [overloadClients]</pre>
 *
 * A client that gets 429 waits 50 ms and goes on (it does not honour Retry-After, to keep the
 * pressure on); 200 latencies are those of admitted requests.
 */
public final class LoadTest {

    static final int PATTERNS = 100;
    static final int POINTS = 16;
    static final int DIMENSION = 3;
    static final int MAX_REQUESTS_PER_PHASE = 20_000;

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18080";
        if (!URI.create(base).getHost().matches("127\\.0\\.0\\.1|localhost|::1|\\[::1\\]")) {
            throw new IllegalArgumentException("loopback only, was " + base);
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int overload = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        SplittableRandom random = new SplittableRandom(7);
        List<double[][]> clouds = setUp(base, random);
        System.out.printf("memory 'load': %d patterns of %d points in R^%d%n", PATTERNS, POINTS,
                DIMENSION);
        System.out.println("operation clients seconds ok 429 other ok/s p50_ms p99_ms");
        for (String op : List.of("search", "retrieve")) {
            for (int clients : new int[] {1, 4, 16}) {
                run(base, op, clients, seconds, clouds).print();
            }
        }
        for (String op : List.of("search", "retrieve")) {
            Result r = run(base, op, overload, seconds, clouds);
            r.print();
            System.out.printf(Locale.ROOT, "overload %s at %d clients: %.1f%% answered 429%n", op,
                    overload, 100.0 * r.rejected / Math.max(1, r.total()));
        }
    }

    static List<double[][]> setUp(String base, SplittableRandom random) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        send(http, "DELETE", base + "/v1/memories/load", null);
        send(http, "PUT", base + "/v1/memories/load", "{\"dimension\": " + DIMENSION + "}");
        List<double[][]> clouds = new ArrayList<>();
        StringBuilder batch = new StringBuilder("{\"patterns\": [");
        for (int k = 0; k < PATTERNS; k++) {
            double[][] cloud = new double[POINTS][DIMENSION];
            double[] centre = {random.nextGaussian() * 3, random.nextGaussian() * 3,
                    random.nextGaussian() * 3};
            for (double[] p : cloud) {
                for (int d = 0; d < DIMENSION; d++) {
                    p[d] = centre[d] + random.nextGaussian();
                }
            }
            clouds.add(cloud);
            batch.append(k == 0 ? "" : ",").append("{\"id\": \"p").append(k)
                    .append("\", \"points\": ").append(json(cloud)).append('}');
        }
        HttpResponse<String> answer = send(http, "POST", base + "/v1/memories/load/patterns",
                batch.append("]}").toString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("set-up failed: " + answer.body());
        }
        return clouds;
    }

    static Result run(String base, String op, int clients, int seconds, List<double[][]> clouds)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger budget = new AtomicInteger(MAX_REQUESTS_PER_PHASE);
        List<long[]> perClient = new ArrayList<>();
        int[][] counts = new int[clients][3];
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[MAX_REQUESTS_PER_PHASE];
            perClient.add(latencies);
            int[] count = counts[c];
            SplittableRandom random = new SplittableRandom(c * 31L + op.hashCode());
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5)).build();
                while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
                    String body = query(op, clouds.get(random.nextInt(clouds.size())), random);
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = send(http, "POST", base + "/v1/memories/load/" + op, body)
                                .statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long t = System.nanoTime() - t0;
                    if (status == 200) {
                        latencies[count[0]++] = t;
                    } else if (status == 429) {
                        count[1]++;
                        pause(50);
                    } else {
                        count[2]++;
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        int ok = 0;
        int rejected = 0;
        int other = 0;
        for (int[] count : counts) {
            ok += count[0];
            rejected += count[1];
            other += count[2];
        }
        long[] all = new long[ok];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts[c][0]);
            at += counts[c][0];
        }
        Arrays.sort(all);
        return new Result(op, clients, elapsed, ok, rejected, other, all);
    }

    record Result(String op, int clients, double seconds, int ok, int rejected, int other,
                  long[] sorted) {
        int total() {
            return ok + rejected + other;
        }

        double percentileMillis(double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        void print() {
            System.out.printf(Locale.ROOT, "%-9s %7d %7.1f %5d %5d %5d %6.1f %6.1f %6.1f%n", op,
                    clients, seconds, ok, rejected, other, ok / seconds,
                    percentileMillis(0.50), percentileMillis(0.99));
        }
    }

    /** A stored cloud with noise 0.1 and its points in another order. */
    static String query(String op, double[][] cloud, SplittableRandom random) {
        double[][] q = new double[cloud.length][];
        for (int i = 0; i < cloud.length; i++) {
            q[i] = cloud[i].clone();
            for (int d = 0; d < q[i].length; d++) {
                q[i][d] += 0.1 * random.nextGaussian();
            }
        }
        for (int i = q.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double[] t = q[i];
            q[i] = q[j];
            q[j] = t;
        }
        return "{\"query\": {\"points\": " + json(q) + "}, \"topK\": 3}";
    }

    static String json(double[][] points) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < points.length; i++) {
            text.append(i == 0 ? "[" : ",[");
            for (int d = 0; d < points[i].length; d++) {
                text.append(d == 0 ? "" : ",").append(points[i][d]);
            }
            text.append(']');
        }
        return text.append(']').toString();
    }

    static HttpResponse<String> send(HttpClient http, String method, String url, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
