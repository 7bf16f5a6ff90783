package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scrapes /actuator/prometheus of a running instance, after exercising every endpoint the
 * dashboard plots, and checks that every metric the Grafana dashboard and the Prometheus
 * rules name is exported. The tests that call the API are skipped on a build without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        // as docker-compose.yml and the Helm chart's ConfigMap set them
        "management.endpoints.web.exposure.include=health,info,prometheus",
        "management.endpoint.health.probes.enabled=true" })
class ExportedMetricsTests {

    private static final String MEMORY = "metrics-check";

    @LocalServerPort
    int httpPort;

    @LocalManagementPort
    int managementPort;

    @Test
    void everyMetricTheDashboardAndRulesNameIsExported() throws InterruptedException {
        exerciseTheApi();
        Set<String> exported = scrapeUntilGcPausesAppear();

        Set<String> named = new TreeSet<>(MetricNames.inDashboard(
                DeployFiles.json("deploy/grafana/dashboards/shk-memory.json")));
        named.addAll(MetricNames.inPrometheusRules());
        named.removeAll(MetricNames.SYNTHESIZED);

        assertThat(exported).containsAll(named);
        assertThat(exported).containsAll(MetricNames.EXPORTED);
    }

    @Test
    void seriesCarryTheLabelsTheDashboardGroupsBy() throws InterruptedException {
        exerciseTheApi();
        String scrape = scrape();

        assertThat(scrape).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/memories/");
        assertThat(scrape).containsPattern("shk_retrieval_duration_seconds_bucket\\{[^}]*stop_reason=\"");
        assertThat(scrape).containsPattern("shk_retrieval_stops_total\\{[^}]*reason=\"");
        assertThat(scrape).containsPattern("shk_memory_patterns\\{[^}]*memory=\"" + MEMORY + "\"");
    }

    @Test
    void actuatorProbesAnswerOnTheManagementPort() {
        for (String probe : new String[] { "liveness", "readiness" }) {
            HttpResponse<String> answer = RunningService.send("GET",
                    management("/actuator/health/" + probe), null);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"UP\"");
        }
    }

    private void exerciseTheApi() {
        RunningService.assumeApiPresent(RunningService.apiDocs(httpPort));
        String memory = api("/v1/memories/" + MEMORY);
        expectSuccess(RunningService.send("PUT", memory, "{\"dimension\": 2, \"epsilon\": 0.05, \"beta\": 50}"));
        expectSuccess(RunningService.send("POST", memory + "/patterns", """
                {"patterns": [
                  {"id": "corner", "points": [[0, 0], [1, 0], [0, 1]]},
                  {"id": "far", "points": [[5, 5], [6, 5], [5, 6]], "weights": [0.5, 0.25, 0.25]}
                ]}"""));
        String query = "{\"points\": [[0.1, 0.0], [1.0, 0.1], [0.0, 0.9]]}";
        expectSuccess(RunningService.send("POST", memory + "/retrieve",
                "{\"query\": " + query + ", \"maxSteps\": 30, \"includeTrace\": true}"));
        expectSuccess(RunningService.send("POST", memory + "/search", "{\"query\": " + query + ", \"topK\": 2}"));
        expectSuccess(RunningService.send("GET", memory, null));
        RunningService.send("GET", api("/v1/memories/no-such-memory"), null);
    }

    private static void expectSuccess(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isBetween(200, 299);
    }

    private Set<String> scrapeUntilGcPausesAppear() throws InterruptedException {
        // GC pause series exist only after a collection; ask for one and wait for its notification.
        System.gc();
        Set<String> names = Set.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            names = seriesNames(scrape());
            if (names.contains("jvm_gc_pause_seconds_count")) {
                break;
            }
            Thread.sleep(100);
        }
        return names;
    }

    private String scrape() {
        HttpResponse<String> response = RunningService.send("GET", management("/actuator/prometheus"), null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Names of the series in a Prometheus text exposition. */
    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    private String api(String path) {
        return "http://localhost:" + httpPort + path;
    }

    private String management(String path) {
        return "http://localhost:" + managementPort + path;
    }
}
