package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Checks docker-compose.yml: the four services, their wiring, volumes and health checks. */
class ComposeFileTests {

    private final Map<String, Object> compose = DeployFiles.yamlMap("docker-compose.yml");
    private final Map<String, Object> services = DeployFiles.map(compose, "services");

    @Test
    void runsTheServiceWithPostgresPrometheusAndGrafana() {
        assertThat(services).containsOnlyKeys("shk-memory", "postgres", "prometheus", "grafana");
    }

    @Test
    void everyServiceHasAHealthCheck() {
        for (String name : services.keySet()) {
            Map<String, Object> healthcheck = DeployFiles.map(services.get(name), "healthcheck");
            assertThat(healthcheck).as(name).containsKeys("test", "interval", "retries");
        }
    }

    @Test
    void serviceHealthCheckUsesTheReadinessProbeOnTheManagementPort() {
        Map<String, Object> shk = DeployFiles.map(services, "shk-memory");
        String test = String.join(" ", DeployFiles.list(DeployFiles.map(shk, "healthcheck"), "test")
                .stream().map(String::valueOf).toList());
        assertThat(test).contains("/dev/tcp/127.0.0.1/8081", "/actuator/health/readiness", " 200 ");
        assertThat(DeployFiles.list(shk, "ports")).contains("8080:8080", "8081:8081");
    }

    @Test
    void serviceIsBuiltFromTheDockerfileAndUsesPostgres() {
        Map<String, Object> shk = DeployFiles.map(services, "shk-memory");
        assertThat(shk.get("build")).isEqualTo(".");
        Map<String, Object> env = DeployFiles.map(shk, "environment");
        assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/shkmemory");
        assertThat(env).containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        assertThat(String.valueOf(env.get("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE"))).contains("prometheus");
        assertThat(DeployFiles.map(DeployFiles.map(shk, "depends_on"), "postgres"))
                .containsEntry("condition", "service_healthy");
    }

    @Test
    void postgresKeepsItsDataInANamedVolume() {
        List<Object> mounts = DeployFiles.list(DeployFiles.map(services, "postgres"), "volumes");
        assertThat(mounts).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(DeployFiles.map(compose, "volumes")).containsKeys("postgres-data", "prometheus-data",
                "grafana-data");
    }

    @Test
    void boundConfigurationDirectoriesExist() {
        for (String name : List.of("prometheus", "grafana")) {
            for (Object mount : DeployFiles.list(DeployFiles.map(services, name), "volumes")) {
                String source = String.valueOf(mount).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(DeployFiles.path(source.substring(2))).as(name + " mount").isDirectory();
                }
            }
        }
        assertThat(DeployFiles.path("deploy/prometheus/prometheus.yml")).isRegularFile();
        assertThat(DeployFiles.path("deploy/grafana/provisioning/datasources")).isDirectory();
        assertThat(DeployFiles.path("deploy/grafana/provisioning/dashboards")).isDirectory();
    }

    @Test
    void grafanaHomeDashboardIsTheMountedDashboard() {
        Map<String, Object> env = DeployFiles.map(DeployFiles.map(services, "grafana"), "environment");
        assertThat(env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo("/etc/grafana/dashboards/shk-memory.json");
        assertThat(DeployFiles.path("deploy/grafana/dashboards/shk-memory.json")).isRegularFile();
    }
}
