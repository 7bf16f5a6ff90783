package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document describes every operation well enough to generate a client: each
 * request and answer has a schema and an example, each parameter a description.
 */
@MockMvcServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocsTests {

    @Autowired
    MockMvc mvc;

    private JsonNode docs;

    @BeforeAll
    void readDocs() throws Exception {
        String text = mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
                .getContentAsString();
        docs = ApiClient.JSON.readTree(text);
    }

    @Test
    void everyContractOperationIsDocumented() {
        Map<String, List<String>> expected = Map.of(
                "/v1/memories", List.of("get"),
                "/v1/memories/{name}", List.of("put", "get", "delete"),
                "/v1/memories/{name}/patterns", List.of("post", "get"),
                "/v1/memories/{name}/patterns/{id}", List.of("put", "get", "delete"),
                "/v1/memories/{name}/retrieve", List.of("post"),
                "/v1/memories/{name}/search", List.of("post"),
                "/v1/divergence", List.of("post"));
        expected.forEach((path, methods) -> methods.forEach(method ->
                assertThat(docs.path("paths").path(path).has(method))
                        .as(method + " " + path).isTrue()));
    }

    @Test
    void authenticationAnswersAreListedWhereTheSecurityRulesGiveThem() {
        // SecurityConfiguration: GET, search, retrieve and divergence need a read credential,
        // everything else a write credential; any of them may lack a credential
        Map<String, List<String>> writes = Map.of(
                "/v1/memories/{name}", List.of("put", "delete"),
                "/v1/memories/{name}/patterns", List.of("post"),
                "/v1/memories/{name}/patterns/{id}", List.of("put", "delete"));
        forEachOperation((where, operation) -> {
            String[] methodAndPath = where.split(" ", 2);
            boolean write = writes.getOrDefault(methodAndPath[1], List.of())
                    .contains(methodAndPath[0]);
            JsonNode responses = operation.path("responses");
            assertThat(responses.has("401")).as(where + " lists 401").isTrue();
            assertThat(responses.has("403")).as(where + " lists 403").isEqualTo(write);
        });
    }

    @Test
    void everyRequestBodyHasASchemaWithAnExample() {
        List<String> missing = new ArrayList<>();
        forEachOperation((where, operation) -> {
            JsonNode body = operation.path("requestBody");
            if (!body.isMissingNode() && !hasExample(body.path("content"))) {
                missing.add(where);
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void everyAnswerWithABodyHasASchemaWithAnExample() {
        List<String> missing = new ArrayList<>();
        forEachOperation((where, operation) -> operation.path("responses").properties()
                .forEach(response -> {
                    JsonNode content = response.getValue().path("content");
                    if (!response.getKey().equals("204") && !hasExample(content)) {
                        missing.add(where + " " + response.getKey());
                    }
                }));
        assertThat(missing).isEmpty();
    }

    @Test
    void everyParameterHasADescription() {
        List<String> missing = new ArrayList<>();
        forEachOperation((where, operation) -> operation.path("parameters").forEach(p -> {
            if (p.path("description").asString("").isBlank()) {
                missing.add(where + " " + p.path("name").asString());
            }
        }));
        assertThat(missing).isEmpty();
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        mvc.perform(get("/swagger-ui/index.html"))
                .andExpect(status().isOk());
    }

    @Test
    void examplesAreJsonValuesRatherThanStrings() {
        JsonNode schemas = docs.path("components").path("schemas");
        assertThat(schemas.path("RetrieveRequest").path("example").isObject()).isTrue();
        assertThat(schemas.path("MeasureBody").path("properties").path("points")
                .path("example").isArray()).isTrue();
    }

    private boolean hasExample(JsonNode content) {
        if (content.isMissingNode() || content.isEmpty()) {
            return false;
        }
        for (JsonNode media : content) {
            boolean example = media.has("example") || media.has("examples")
                    || schemaHasExample(media.path("schema"));
            if (!example) {
                return false;
            }
        }
        return true;
    }

    private boolean schemaHasExample(JsonNode schema) {
        if (schema.has("example") || schema.has("examples")) {
            return true;
        }
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            return schemaHasExample(docs.path("components").path("schemas").path(name));
        }
        return false;
    }

    private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> action) {
        docs.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(method -> action.accept(method.getKey() + " " + path.getKey(),
                        method.getValue())));
    }
}
