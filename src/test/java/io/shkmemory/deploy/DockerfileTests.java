package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Checks the Dockerfile's shape: the parts a build without a Docker engine cannot check. */
class DockerfileTests {

    private static final List<String> LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    private final List<String> instructions = instructions(DeployFiles.read("Dockerfile"));

    /** Dockerfile instructions with continuation lines joined and comments dropped. */
    static List<String> instructions(String dockerfile) {
        String joined = dockerfile.lines()
                .filter(line -> !line.stripLeading().startsWith("#"))
                .reduce("", (a, line) -> a.endsWith("\\") ? a.substring(0, a.length() - 1) + " " + line.strip()
                        : a + "\n" + line);
        return joined.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private List<String> starting(String keyword) {
        return instructions.stream().filter(i -> i.startsWith(keyword + " ")).toList();
    }

    @Test
    void buildsOnAJdkAndRunsOnAJreInTwoStages() {
        assertThat(starting("FROM")).hasSize(2);
        assertThat(starting("ARG")).contains("ARG BUILD_IMAGE=eclipse-temurin:17-jdk",
                "ARG RUNTIME_IMAGE=eclipse-temurin:17-jre");
        assertThat(starting("FROM").get(0)).isEqualTo("FROM ${BUILD_IMAGE} AS build");
        assertThat(starting("FROM").get(1)).isEqualTo("FROM ${RUNTIME_IMAGE}");
    }

    @Test
    void buildStageRunsTheBuildStepsScript() {
        assertThat(starting("RUN").get(0)).contains("scripts/docker-build-steps.sh --output /build/extracted");
        assertThat(starting("COPY")).contains("COPY scripts/docker-build-steps.sh scripts/");
    }

    @Test
    void runtimeStageCopiesTheLayersLeastChangedFirst() {
        List<String> copied = starting("COPY").stream()
                .filter(c -> c.startsWith("COPY --from=build"))
                .map(c -> c.replaceAll(".*/extracted/([^/]+)/.*", "$1"))
                .toList();
        assertThat(copied).containsExactlyElementsOf(LAYERS);
    }

    @Test
    void runsAsAFixedNonRootUser() {
        List<String> users = starting("USER");
        assertThat(users).hasSize(1);
        Matcher uid = Pattern.compile("USER (\\d+):(\\d+)").matcher(users.get(0));
        assertThat(uid.matches()).isTrue();
        assertThat(Integer.parseInt(uid.group(1))).isPositive();
        assertThat(instructions.indexOf(users.get(0)))
                .isGreaterThan(instructions.indexOf(starting("FROM").get(1)));
    }

    @Test
    void onlyTheDataDirectoryIsWritableByTheServiceUser() {
        assertThat(starting("RUN")).anyMatch(run -> run.contains("mkdir -p /app/data")
                && run.contains("chown 10001:10001 /app/data"));
        assertThat(starting("WORKDIR")).last().isEqualTo("WORKDIR /app");
    }

    @Test
    void exposesTheHttpAndManagementPorts() {
        assertThat(starting("EXPOSE")).containsExactly("EXPOSE 8080 8081");
    }

    @Test
    void jvmFlagsFollowTheContainerAndMatchTheBuildScript() {
        String options = starting("ENV").stream().filter(e -> e.contains("JAVA_TOOL_OPTIONS")).findFirst()
                .orElseThrow().replaceAll(".*JAVA_TOOL_OPTIONS=\"([^\"]*)\".*", "$1");
        assertThat(options).contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
        assertThat(DeployFiles.read("scripts/docker-build-steps.sh"))
                .contains("IMAGE_JVM_OPTIONS=\"" + options + "\"");
    }

    @Test
    void startsTheExtractedLauncherAndChecksReadiness() {
        assertThat(starting("ENTRYPOINT")).containsExactly(
                "ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        assertThat(starting("HEALTHCHECK")).singleElement().asString()
                .contains("/actuator/health/readiness", "MANAGEMENT_SERVER_PORT:-8081");
    }

    @Test
    void dockerIgnoreLetsInOnlyWhatTheBuildStageCopies() {
        List<String> rules = DeployFiles.lines(".dockerignore").stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(rules.get(0)).isEqualTo("*");
        List<String> copiedSources = starting("COPY").stream()
                .filter(c -> !c.startsWith("COPY --from"))
                .flatMap(c -> {
                    String[] parts = c.split("\\s+");
                    return List.of(parts).subList(1, parts.length - 1).stream();
                })
                .toList();
        for (String source : copiedSources) {
            assertThat(rules).as("allowed by .dockerignore: " + source)
                    .anyMatch(rule -> rule.equals("!" + source) || rule.equals("!" + source + "/"));
        }
    }
}
