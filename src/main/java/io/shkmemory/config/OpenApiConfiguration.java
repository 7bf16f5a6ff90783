package io.shkmemory.config;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shkmemory.api.ProblemDocument;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of the OpenAPI document at /v3/api-docs, and its error schema. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final JsonNode EXAMPLE = parse(ProblemDocument.EXAMPLE);

    /** Operations a read credential may call besides GET (SecurityConfiguration). */
    private static final Set<String> READ_POSTS = Set.of("/v1/memories/{name}/search",
            "/v1/memories/{name}/retrieve", "/v1/divergence");

    @Bean
    OpenAPI shkOpenApi() {
        return new OpenAPI()
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-API-Key")
                                .description("A read or write key (shk.security.read-keys, "
                                        + "shk.security.write-keys); also accepted as "
                                        + "Authorization: Bearer <key>"))
                        .addSecuritySchemes("bearer", new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key, or a JWT with scope memory:read or "
                                        + "memory:write when an issuer is configured")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .info(new Info()
                .title("shk-memory")
                .version("v1")
                .description("Associative memory for weighted point clouds. Store point clouds "
                        + "(patterns) in named memories; send a noisy, shuffled or re-weighted "
                        + "cloud and the service descends the Sinkhorn-divergence energy "
                        + "(spherical Hellinger-Kantorovich dynamics) onto the stored pattern "
                        + "it belongs to. Errors are application/problem+json.")
                .license(new License().name("Apache-2.0").identifier("Apache-2.0")));
    }

    /**
     * Lists 401 on every /v1 operation and 403 on those a read credential may not call: both
     * are answered only when credentials are configured, the API being open otherwise.
     */
    private static void addAuthenticationAnswers(OpenAPI openApi) {
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> {
                    if (!path.startsWith("/v1/") || op.getResponses() == null) {
                        return;
                    }
                    op.getResponses().addApiResponse("401", new ApiResponse().description(
                            "No credential or an unknown one, when the service requires them"));
                    boolean read = method == PathItem.HttpMethod.GET
                            || method == PathItem.HttpMethod.POST && READ_POSTS.contains(path);
                    if (!read) {
                        op.getResponses().addApiResponse("403", new ApiResponse()
                                .description("A read credential on a write operation"));
                    }
                }));
    }

    /**
     * Adds the answers of authentication, and gives every error answer (status 400 and up)
     * the content application/problem+json with the schema {@code ProblemDetail} and its
     * example, so that generated clients get a typed error model, and the controllers declare
     * only the status and its description.
     */
    @Bean
    OpenApiCustomizer problemDetailSchema() {
        return openApi -> {
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = ModelConverters.getInstance()
                    .readAll(ProblemDocument.class);
            schemas.forEach(openApi.getComponents()::addSchemas);
            Schema<?> reference = new Schema<>().$ref("#/components/schemas/ProblemDetail");
            if (openApi.getPaths() == null) {
                return;
            }
            addAuthenticationAnswers(openApi);
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(op -> {
                if (op.getResponses() == null) {
                    return;
                }
                op.getResponses().forEach((status, response) -> {
                    if (isError(status)) {
                        response.setContent(new Content().addMediaType(PROBLEM_JSON,
                                new MediaType().schema(reference).example(EXAMPLE)));
                    }
                });
            }));
        };
    }

    private static boolean isError(String status) {
        return status.length() == 3 && status.charAt(0) >= '4' && status.charAt(0) <= '5';
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the problem example is not JSON", e);
        }
    }
}
