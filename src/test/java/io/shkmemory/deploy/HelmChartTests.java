package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Checks the Helm chart without a helm binary: its non-template files parse, every value is
 * commented and typed in the schema, every value the templates read exists, and the
 * templates keep the hardening and probes the issue asks for.
 */
class HelmChartTests {

    private static final String CHART = "helm/shk-memory/";
    private static final Pattern VALUES_PATH = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+):(\\s.*)?$");
    private static final Pattern ACTION_ONLY_LINE = Pattern.compile("^\\s*\\{\\{-?.*?-?}}\\s*$");
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?.*?-?}}");

    private final Map<String, Object> values = DeployFiles.yamlMap(CHART + "values.yaml");
    private final JsonNode schema = DeployFiles.json(CHART + "values.schema.json");

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.path(CHART + "templates"))) {
            return files.sorted().toList();
        }
    }

    private static String template(String name) {
        return DeployFiles.read(CHART + "templates/" + name);
    }

    @Test
    void chartMetadataParsesAndFollowsTheProjectVersion() {
        Map<String, Object> chart = DeployFiles.yamlMap(CHART + "Chart.yaml");
        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "shk-memory")
                .containsEntry("type", "application").containsKey("version");
        String pom = DeployFiles.read("pom.xml");
        Matcher version = Pattern.compile("<artifactId>shk-memory</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(chart.get("appVersion")).isEqualTo(version.group(1).replace("-SNAPSHOT", ""));
    }

    @Test
    void chartHasTheResourcesTheDeploymentNeeds() throws IOException {
        assertThat(templates().stream().map(p -> p.getFileName().toString())).contains("deployment.yaml",
                "service.yaml", "hpa.yaml", "pdb.yaml", "servicemonitor.yaml", "configmap.yaml", "secret.yaml",
                "serviceaccount.yaml", "NOTES.txt", "_helpers.tpl");
    }

    @Test
    void everyValueHasACommentAboveIt() {
        List<String> lines = DeployFiles.lines(CHART + "values.yaml");
        List<String> uncommented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (KEY_LINE.matcher(lines.get(i)).matches()
                    && (i == 0 || !lines.get(i - 1).stripLeading().startsWith("#"))) {
                uncommented.add((i + 1) + ": " + lines.get(i));
            }
        }
        assertThat(uncommented).isEmpty();
    }

    @Test
    void everyValueTheTemplatesReadExistsInValuesAndSchema() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (Path file : templates()) {
            Matcher m = VALUES_PATH.matcher(Files.readString(file));
            while (m.find()) {
                paths.add(m.group(1).substring(1));
            }
        }
        assertThat(paths).contains("database.host", "securityContext", "serviceMonitor.enabled");
        for (String path : paths) {
            assertThat(valueAt(path)).as("values.yaml has " + path).isTrue();
            assertThat(schemaAt(path).isMissingNode()).as("values.schema.json has " + path).isFalse();
        }
    }

    private boolean valueAt(String path) {
        Object node = values;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = map.get(key);
        }
        return true;
    }

    private JsonNode schemaAt(String path) {
        JsonNode node = schema;
        for (String key : path.split("\\.")) {
            node = node.path("properties").path(key);
        }
        return node;
    }

    @Test
    void schemaTypesEveryValueAndDescribesIt() {
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        checkAgainstSchema(values, schema, "");
    }

    private void checkAgainstSchema(Map<?, ?> map, JsonNode objectSchema, String prefix) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String path = prefix + entry.getKey();
            JsonNode property = objectSchema.path("properties").path(String.valueOf(entry.getKey()));
            assertThat(property.isMissingNode()).as("schema has " + path).isFalse();
            assertThat(property.path("description").asString()).as("description of " + path).isNotBlank();
            assertThat(types(property)).as("type of " + path).contains(jsonType(entry.getValue()));
            if (entry.getValue() instanceof Map<?, ?> nested) {
                checkAgainstSchema(nested, property, path + ".");
            }
        }
    }

    private static List<String> types(JsonNode property) {
        JsonNode type = property.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else {
            types.add(type.asString());
        }
        if (types.contains("integer")) {
            types.add("number");
        }
        return types;
    }

    private static String jsonType(Object value) {
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "integer";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof Map) {
            return "object";
        }
        return value == null ? "null" : "string";
    }

    @Test
    void manifestTemplatesAreYamlApartFromTheirActions() throws IOException {
        for (Path file : templates()) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".yaml")) {
                continue;
            }
            StringBuilder skeleton = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (!ACTION_ONLY_LINE.matcher(line).matches()) {
                    skeleton.append(ACTION.matcher(line).replaceAll("x")).append('\n');
                }
            }
            Map<String, Object> manifest = DeployFiles.asMap(DeployFiles.yaml(skeleton.toString()));
            assertThat(manifest).as(name).containsKeys("apiVersion", "kind", "metadata");
        }
    }

    @Test
    void containerIsNonRootWithAReadOnlyRootAndNoCapabilities() {
        Map<String, Object> container = DeployFiles.map(values, "securityContext");
        assertThat(container).containsEntry("runAsNonRoot", true).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(DeployFiles.list(DeployFiles.map(container, "capabilities"), "drop")).containsExactly("ALL");
        Map<String, Object> pod = DeployFiles.map(values, "podSecurityContext");
        assertThat(pod).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001)
                .containsEntry("runAsGroup", 10001);
        assertThat(DeployFiles.read("Dockerfile")).contains("USER 10001:10001");

        String deployment = template("deployment.yaml");
        assertThat(deployment).contains("{{- toYaml .Values.securityContext | nindent 12 }}",
                "{{- toYaml .Values.podSecurityContext | nindent 8 }}");
        assertThat(deployment).containsSubsequence("- name: tmp", "mountPath: /tmp", "- name: tmp",
                "emptyDir:", "sizeLimit: {{ .Values.tmpVolume.sizeLimit }}");
    }

    @Test
    void probesUseTheActuatorGroupsOnTheManagementPort() {
        String deployment = template("deployment.yaml");
        assertThat(deployment).containsSubsequence("livenessProbe:", "httpGet:",
                "path: /actuator/health/liveness", "port: management");
        assertThat(deployment).containsSubsequence("readinessProbe:", "httpGet:",
                "path: /actuator/health/readiness", "port: management");
        assertThat(deployment).containsSubsequence("- name: management",
                "containerPort: {{ .Values.ports.management }}");
        assertThat(DeployFiles.map(DeployFiles.map(DeployFiles.map(DeployFiles.map(DeployFiles.map(
                values, "config"), "management"), "endpoint"), "health"), "probes"))
                .containsEntry("enabled", true);
    }

    @Test
    void databasePasswordAndApiKeysComeFromTheSecret() {
        assertThat(template("secret.yaml")).contains("{{- if not .Values.secret.existingSecret }}",
                ".Values.database.password | b64enc", "join \",\" .Values.auth.apiKeys | b64enc");
        assertThat(template("deployment.yaml"))
                .containsSubsequence("- name: SPRING_DATASOURCE_PASSWORD", "secretKeyRef:",
                        "key: {{ .Values.secret.databasePasswordKey }}")
                .containsSubsequence("- name: SHK_SECURITY_API_KEYS", "secretKeyRef:",
                        "key: {{ .Values.secret.apiKeysKey }}");
        assertThat(template("_helpers.tpl")).contains("required \"database.host is required");
    }

    @Test
    void optionalResourcesSitBehindTheirValues() {
        assertThat(template("servicemonitor.yaml")).startsWith("{{- if .Values.serviceMonitor.enabled }}");
        assertThat(template("hpa.yaml")).startsWith("{{- if .Values.autoscaling.enabled }}");
        assertThat(template("pdb.yaml")).startsWith("{{- if .Values.podDisruptionBudget.enabled }}");
        assertThat(DeployFiles.map(values, "serviceMonitor")).containsEntry("enabled", false);
        assertThat(template("deployment.yaml")).contains("{{- if not .Values.autoscaling.enabled }}");
    }
}
