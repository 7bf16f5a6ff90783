package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Checks the Prometheus configuration of the compose stack and its alert rules. */
class PrometheusConfigTests {

    private final Map<String, Object> config = DeployFiles.yamlMap("deploy/prometheus/prometheus.yml");

    /** Rule files, relative to the project, as mounted at /etc/prometheus/rules in compose. */
    static List<String> ruleFiles() {
        try (Stream<Path> files = Files.list(DeployFiles.path("deploy/prometheus/rules"))) {
            return files.map(f -> "deploy/prometheus/rules/" + f.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void scrapesTheManagementPortOfTheService() {
        List<Object> jobs = DeployFiles.list(config, "scrape_configs");
        assertThat(jobs).hasSize(1);
        Map<String, Object> job = DeployFiles.asMap(jobs.get(0));
        assertThat(job).containsEntry("job_name", "shk-memory")
                .containsEntry("metrics_path", "/actuator/prometheus");
        Object targets = DeployFiles.list(job, "static_configs").get(0);
        assertThat(DeployFiles.list(targets, "targets")).containsExactly("shk-memory:8081");
    }

    @Test
    void loadsTheRuleFilesMountedFromDeployPrometheusRules() {
        assertThat(DeployFiles.list(config, "rule_files")).containsExactly("/etc/prometheus/rules/*.yml");
        assertThat(ruleFiles()).isNotEmpty().allMatch(f -> f.endsWith(".yml"));
    }

    @Test
    void everyRuleHasANameAnExpressionAndASummary() {
        for (String file : ruleFiles()) {
            for (Object group : DeployFiles.list(DeployFiles.yamlMap(file), "groups")) {
                for (Object rule : DeployFiles.list(group, "rules")) {
                    Map<?, ?> r = (Map<?, ?>) rule;
                    assertThat(r.get("alert")).as(file).isNotNull();
                    assertThat(String.valueOf(r.get("expr"))).as(r.get("alert") + " expr").isNotBlank();
                    assertThat(DeployFiles.map(rule, "annotations")).containsKey("summary");
                }
            }
        }
    }

    @Test
    void rulesUseOnlyMetricsTheServiceExports() {
        assertThat(MetricNames.inPrometheusRules()).isNotEmpty()
                .allMatch(m -> MetricNames.EXPORTED.contains(m) || MetricNames.SYNTHESIZED.contains(m),
                        "exported by the service or made by Prometheus");
    }

    @Test
    void metricExtractionSkipsFunctionsLabelsAndGroupings() {
        String expr = "histogram_quantile(0.99, sum by (uri, le) "
                + "(rate(http_server_requests_seconds_bucket{job=~\"$job\", uri=~\"/v1.*\"}[$__rate_interval])))"
                + " / ignoring(status) group_left sum(shk_engine_active offset 5m)";
        assertThat(MetricNames.inPromQl(expr))
                .containsExactly("http_server_requests_seconds_bucket", "shk_engine_active");
    }
}
