package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Checks Grafana's provisioning and the shk-memory dashboard. */
class GrafanaDashboardTests {

    private final JsonNode dashboard = DeployFiles.json("deploy/grafana/dashboards/shk-memory.json");

    private List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        return panels;
    }

    private String allExpressions() {
        StringBuilder all = new StringBuilder();
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(t -> all.append(t.path("expr").asString()).append('\n'));
        }
        return all.toString();
    }

    @Test
    void provisionsThePrometheusDataSourceTheDashboardDefaultsTo() {
        Map<String, Object> provisioning =
                DeployFiles.yamlMap("deploy/grafana/provisioning/datasources/prometheus.yml");
        Map<String, Object> source = DeployFiles.asMap(DeployFiles.list(provisioning, "datasources").get(0));
        assertThat(source).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");

        JsonNode variable = dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("type").asString()).isEqualTo("datasource");
        assertThat(variable.path("current").path("value").asString()).isEqualTo(source.get("uid"));
    }

    @Test
    void provisionsTheDashboardDirectoryMountedInCompose() {
        Map<String, Object> provider = DeployFiles.asMap(DeployFiles.list(
                DeployFiles.yamlMap("deploy/grafana/provisioning/dashboards/shk-memory.yml"), "providers").get(0));
        assertThat(DeployFiles.map(provider, "options")).containsEntry("path", "/etc/grafana/dashboards");
    }

    @Test
    void panelsHaveUniqueIdsAndFitTheGrid() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id " + panel.path("id")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asString())
                    .isLessThanOrEqualTo(24);
        }
    }

    @Test
    void everyQueryPanelUsesTheDataSourceVariable() {
        for (JsonNode panel : panels()) {
            if (!"row".equals(panel.path("type").asString())) {
                assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
                assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isPositive();
            }
        }
    }

    @Test
    void showsRequestRateAndLatencyPercentilesPerEndpoint() {
        String all = allExpressions();
        assertThat(all).contains("rate(http_server_requests_seconds_count");
        for (String phi : List.of("0.5", "0.95", "0.99")) {
            assertThat(all).contains("histogram_quantile(" + phi + ", sum by (method, uri, le) "
                    + "(rate(http_server_requests_seconds_bucket");
        }
    }

    @Test
    void showsRetrievalEngineAndJvmFigures() {
        assertThat(MetricNames.inDashboard(dashboard)).contains(
                "shk_retrieval_duration_seconds_bucket", "shk_search_duration_seconds_bucket",
                "shk_retrieval_steps_bucket", "shk_retrieval_stops_total", "shk_sinkhorn_iterations_bucket",
                "shk_memory_patterns", "shk_memory_count", "shk_engine_queue_depth", "shk_engine_active",
                "shk_engine_rejections_total", "jvm_memory_used_bytes", "jvm_gc_pause_seconds_count",
                "process_cpu_usage");
        assertThat(allExpressions()).contains("sum by (reason) (rate(shk_retrieval_stops_total",
                "max by (memory) (shk_memory_patterns");
    }

    @Test
    void queriesUseOnlyMetricsTheServiceExports() {
        assertThat(MetricNames.inDashboard(dashboard)).isSubsetOf(MetricNames.EXPORTED);
    }
}
