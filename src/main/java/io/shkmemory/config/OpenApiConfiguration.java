package io.shkmemory.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of the OpenAPI document at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

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
                .license(new License().name("Apache-2.0")));
    }
}
