package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps src/main/openapi/shk-memory-v1.json, from which the client SDK is generated, equal to
 * the /v3/api-docs the running service serves. Each run writes the live document to
 * target/openapi/shk-memory-v1.live.json; run with -Dshk.openapi.update=true to copy it over
 * the checked-in one. Needs the service's API; skipped on a build without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", // same as ExportedMetricsTests: one shared context
                "management.endpoints.web.exposure.include=health,info,prometheus",
                "management.endpoint.health.probes.enabled=true" })
class OpenApiDocumentTests {

    static final String CHECKED_IN = "src/main/openapi/shk-memory-v1.json";
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @LocalServerPort
    int httpPort;

    private JsonNode live;
    private JsonNode checkedIn;

    @BeforeEach
    void loadBothDocuments() throws IOException {
        live = normalised(RunningService.apiDocs(httpPort));
        Path copy = DeployFiles.path("target/openapi/shk-memory-v1.live.json");
        Files.createDirectories(copy.getParent());
        String pretty = DeployFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n";
        Files.writeString(copy, pretty);
        RunningService.assumeApiPresent(live);
        if (Boolean.getBoolean("shk.openapi.update")) {
            Files.writeString(DeployFiles.path(CHECKED_IN), pretty);
        }
        checkedIn = normalised(DeployFiles.json(CHECKED_IN));
    }

    /** Drops what depends on where the service runs: the generated server URL. */
    static JsonNode normalised(JsonNode document) {
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        copy.remove("servers");
        return copy;
    }

    @Test
    void checkedInDocumentHasTheLiveOperations() {
        assertThat(operations(checkedIn)).containsExactlyElementsOf(operations(live));
    }

    @Test
    void checkedInDocumentHasTheLiveSchemasAndProperties() {
        assertThat(schemaProperties(checkedIn)).containsExactlyElementsOf(schemaProperties(live));
    }

    @Test
    void checkedInDocumentEqualsTheLiveDocument() {
        assertThat(checkedIn)
                .as("%s differs from the live /v3/api-docs; see target/openapi/shk-memory-v1.live.json "
                        + "or rerun with -Dshk.openapi.update=true", CHECKED_IN)
                .isEqualTo(live);
    }

    /** "METHOD path operationId" for every operation. */
    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        for (String path : document.path("paths").propertyNames()) {
            JsonNode item = document.path("paths").path(path);
            for (String method : item.propertyNames()) {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase() + " " + path + " "
                            + item.path(method).path("operationId").asString());
                }
            }
        }
        return operations;
    }

    /** "Schema.property" for every property of every component schema. */
    private static Set<String> schemaProperties(JsonNode document) {
        Set<String> properties = new TreeSet<>();
        JsonNode schemas = document.path("components").path("schemas");
        for (String schema : schemas.propertyNames()) {
            properties.add(schema);
            for (String property : schemas.path(schema).path("properties").propertyNames()) {
                properties.add(schema + "." + property);
            }
        }
        return properties;
    }
}
