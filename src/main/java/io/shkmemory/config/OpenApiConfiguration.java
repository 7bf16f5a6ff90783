package io.shkmemory.config;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shkmemory.api.ProblemDocument;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of the OpenAPI document at /v3/api-docs, and its error schema. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final JsonNode EXAMPLE = parse(ProblemDocument.EXAMPLE);

    @Bean
    OpenAPI shkOpenApi() {
        return new OpenAPI().info(new Info()
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
     * Gives every error answer (status 400 and up) the content application/problem+json with
     * the schema {@code ProblemDetail} and its example, so that generated clients get a typed
     * error model, and the controllers declare only the status and its description.
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
