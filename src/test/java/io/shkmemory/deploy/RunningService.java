package io.shkmemory.deploy;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/** Plain HTTP access to the service a @SpringBootTest started, for the deployment checks. */
final class RunningService {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RunningService() {
    }

    static HttpResponse<String> send(String method, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json, text/plain, */*");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + url + " interrupted", e);
        }
    }

    static JsonNode apiDocs(int httpPort) {
        HttpResponse<String> docs = send("GET", "http://localhost:" + httpPort + "/v3/api-docs", null);
        if (docs.statusCode() != 200) {
            throw new IllegalStateException("/v3/api-docs answered " + docs.statusCode());
        }
        return DeployFiles.JSON.readTree(docs.body());
    }

    /**
     * Skips a test that needs the HTTP API when this build has no /v1 endpoint at all, as on
     * a branch that carries the deployment files without the service. Once the service is
     * merged the API is present and the test runs.
     */
    static void assumeApiPresent(JsonNode apiDocs) {
        boolean present = apiDocs.path("paths").propertyNames().stream().anyMatch(p -> p.startsWith("/v1/"));
        assumeThat(present).as("the service's /v1 API is part of this build").isTrue();
    }
}
