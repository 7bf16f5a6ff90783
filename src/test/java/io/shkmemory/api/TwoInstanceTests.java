package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances on one database see each other's writes within 5 seconds, through version
 * polling. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoInstanceTests {

    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

    private RunningService a;
    private RunningService b;

    abstract Map<String, Object> database();

    @BeforeAll
    void startBoth() {
        Map<String, Object> database = database();
        a = RunningService.start(database);
        b = RunningService.start(database);
    }

    @AfterAll
    void stopBoth() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void eachInstanceSeesTheOthersWrites() {
        assertThat(a.api.put("/v1/memories/shared", Map.of("dimension", 2)).status())
                .isEqualTo(201);
        eventually(b.api, "/v1/memories/shared", answer -> answer.status() == 200);

        assertThat(b.api.put("/v1/memories/shared/patterns/from-b",
                Map.of("points", new double[][] {{0.5, 0.25}})).status()).isEqualTo(201);
        eventually(a.api, "/v1/memories/shared/patterns/from-b",
                answer -> answer.status() == 200);

        assertThat(a.api.put("/v1/memories/shared/patterns/from-b",
                Map.of("points", new double[][] {{1.5, 2.0}, {3.0, 4.0}})).status())
                .isEqualTo(200);
        eventually(b.api, "/v1/memories/shared/patterns/from-b",
                answer -> answer.status() == 200 && answer.body().get("points").size() == 2);

        assertThat(b.api.delete("/v1/memories/shared/patterns/from-b").status()).isEqualTo(204);
        eventually(a.api, "/v1/memories/shared/patterns/from-b",
                answer -> answer.status() == 404);

        assertThat(b.api.delete("/v1/memories/shared").status()).isEqualTo(204);
        eventually(a.api, "/v1/memories/shared", answer -> answer.status() == 404);
    }

    @Test
    void aWriteAfterTheOtherInstancesWriteKeepsBoth() {
        a.api.put("/v1/memories/both", Map.of("dimension", 1));
        eventually(b.api, "/v1/memories/both", answer -> answer.status() == 200);
        assertThat(b.api.put("/v1/memories/both/patterns/x",
                Map.of("points", new double[][] {{1.0}})).status()).isEqualTo(201);
        // a writes at once, before its poll has seen b's pattern: a reloads instead of
        // applying its own write over a stale copy
        assertThat(a.api.put("/v1/memories/both/patterns/y",
                Map.of("points", new double[][] {{2.0}})).status()).isEqualTo(201);

        assertThat(a.api.get("/v1/memories/both").body().get("patternCount").asInt())
                .isEqualTo(2);
        eventually(b.api, "/v1/memories/both",
                answer -> answer.body().get("patternCount").asInt() == 2);
    }

    private static void eventually(ApiClient api, String path,
                                   Predicate<ApiClient.Answer> condition) {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        ApiClient.Answer last;
        do {
            last = api.get(path);
            if (condition.test(last)) {
                return;
            }
            RunningService.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not visible within " + VISIBLE_WITHIN + ": GET " + path
                + " answered " + last.status() + " " + last.text());
    }
}
