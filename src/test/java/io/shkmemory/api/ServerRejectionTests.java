package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Requests the embedded Tomcat refuses before they reach the application (undecodable or
 * ambiguous URLs, a malformed request line) are answered 400 with a problem document naming
 * the path, like every other invalid input, not with Tomcat's HTML page.
 */
class ServerRejectionTests {

    @TempDir
    static Path dataDir;

    private static RunningService service;
    private static int port;

    @BeforeAll
    static void start() {
        service = RunningService.start(TestDatabases.h2File(dataDir));
        port = Integer.parseInt(service.context().getEnvironment()
                .getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static RawHttp.Response send(String requestLine) throws IOException {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            return RawHttp.Response.read(client.getInputStream());
        }
    }

    @Test
    void urlsTomcatRefusesAreAnsweredWithAProblemNamingThePath() throws IOException {
        List<String> refused = List.of(
                "GET /v1/memories/% HTTP/1.1",
                "GET /v1/memories/%ZZ HTTP/1.1",
                "GET /v1/memories/a%2Fb HTTP/1.1",
                "GET /v1/memories/..%2f..%2fetc HTTP/1.1",
                "GET /v1/memories/a%00b HTTP/1.1",
                "DELETE /v1/memories/a%5c..%5c HTTP/1.1",
                "GET /v1/memories/a b HTTP/1.1");
        for (String line : refused) {
            RawHttp.Response answer = send(line);

            assertThat(answer.status()).as(line).isEqualTo(400);
            assertThat(answer.contentType()).as(line).startsWith("application/problem+json");
            JsonNode problem = ApiClient.JSON.readTree(answer.body());
            assertThat(problem.get("status").asInt()).as(line).isEqualTo(400);
            assertThat(problem.get("title").asText()).as(line).isNotBlank();
            assertThat(problem.get("errors").get(0).get("field").asText()).as(line)
                    .isEqualTo("path");
        }
    }

    @Test
    void theApplicationsOwnAnswersAreUntouched() {
        ApiClient.Answer missing = service.api.get("/v1/memories/nothing-here");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("title").asText()).isEqualTo("Memory not found");
    }
}
