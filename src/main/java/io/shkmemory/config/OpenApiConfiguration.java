package io.shkmemory.config;

import java.util.Map;

import io.shkmemory.api.ProblemDocument;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of the OpenAPI document at /v3/api-docs, and its error schema. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String PROBLEM_JSON = "application/problem+json";

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
     * Gives every application/problem+json answer the schema {@code ProblemDetail}, so that
     * generated clients get a typed error model instead of a free object.
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
                op.getResponses().values().forEach(response -> {
                    MediaType problem = response.getContent() == null ? null
                            : response.getContent().get(PROBLEM_JSON);
                    if (problem != null) {
                        problem.setSchema(reference);
                    }
                });
            }));
        };
    }
}
