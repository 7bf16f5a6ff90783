package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint with no credentials, a read key, a write key, a wrong key and JWTs of each
 * scope, against the running service with keys and a JWT public key configured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:auth;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_DELAY=-1",
        "management.server.port=0",
        "shk.security.read-keys=reader-key-1,reader-key-2",
        "shk.security.write-keys=writer-key-1"})
class AuthenticationTests {

    static final String READ_KEY = "reader-key-2";
    static final String WRITE_KEY = "writer-key-1";
    private static final KeyPair SIGNING = rsaKeyPair();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CLOUD = "{\"points\": [[0, 0], [1, 0], [0, 1]]}";

    /** An endpoint and whether it only reads. */
    record Call(String method, String path, String body, boolean reads) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Call> CALLS = List.of(
            new Call("GET", "/v1/memories", null, true),
            new Call("GET", "/v1/memories/auth", null, true),
            new Call("GET", "/v1/memories/auth/patterns", null, true),
            new Call("GET", "/v1/memories/auth/patterns/p", null, true),
            new Call("POST", "/v1/memories/auth/search", "{\"query\": " + CLOUD + "}", true),
            new Call("POST", "/v1/memories/auth/retrieve",
                    "{\"query\": " + CLOUD + ", \"maxSteps\": 3}", true),
            new Call("POST", "/v1/divergence",
                    "{\"source\": " + CLOUD + ", \"target\": " + CLOUD + "}", true),
            new Call("PUT", "/v1/memories/auth", "{\"dimension\": 2}", false),
            new Call("PUT", "/v1/memories/auth/patterns/p", CLOUD, false),
            new Call("POST", "/v1/memories/auth/patterns",
                    "{\"patterns\": [{\"id\": \"q\", \"points\": [[2, 2]]}]}", false),
            new Call("DELETE", "/v1/memories/auth/patterns/q", null, false),
            new Call("DELETE", "/v1/memories/no-such-memory", null, false));

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void jwtPublicKey(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("shk-jwt", ".pem");
        pem.toFile().deleteOnExit();
        String encoded = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(SIGNING.getPublic().getEncoded());
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + encoded
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + pem);
    }

    @BeforeEach
    void memoryWithOnePattern() {
        send("PUT", "/v1/memories/auth", "{\"dimension\": 2}", "X-API-Key", WRITE_KEY);
        send("PUT", "/v1/memories/auth/patterns/p", CLOUD, "X-API-Key", WRITE_KEY);
    }

    @Test
    void everyEndpointWithoutCredentialsIs401() {
        for (Call call : CALLS) {
            expectProblem(send(call, null, null), 401, call);
        }
    }

    @Test
    void wrongKeysAre401() {
        for (Call call : CALLS) {
            expectProblem(send(call, "X-API-Key", "reader-key-3"), 401, call);
            expectProblem(send(call, "Authorization", "Bearer writer-key-"), 401, call);
        }
    }

    @Test
    void readKeyReadsAndGets403OnWrites() {
        for (Call call : CALLS) {
            for (String[] header : List.of(new String[] {"X-API-Key", READ_KEY},
                    new String[] {"Authorization", "Bearer " + READ_KEY})) {
                HttpResponse<String> answer = send(call, header[0], header[1]);
                if (call.reads()) {
                    assertThat(answer.statusCode()).as(call + " " + answer.body()).isEqualTo(200);
                } else {
                    expectProblem(answer, 403, call);
                }
            }
        }
    }

    @Test
    void writeKeyMayCallEveryEndpoint() {
        for (Call call : CALLS) {
            HttpResponse<String> answer = send(call, "X-API-Key", WRITE_KEY);
            int expected = call.path().contains("no-such-memory") ? 404 : 200;
            assertThat(answer.statusCode()).as(call + " " + answer.body())
                    .isIn(expected, expected == 200 ? 201 : expected, 204);
        }
    }

    @Test
    void jwtScopesGrantReadOrWrite() throws JOSEException {
        String reader = jwt("memory:read", Instant.now().plusSeconds(300));
        String writer = jwt("memory:read memory:write", Instant.now().plusSeconds(300));
        String other = jwt("profile", Instant.now().plusSeconds(300));
        for (Call call : CALLS) {
            HttpResponse<String> read = send(call, "Authorization", "Bearer " + reader);
            if (call.reads()) {
                assertThat(read.statusCode()).as(call + " " + read.body()).isEqualTo(200);
            } else {
                expectProblem(read, 403, call);
            }
            assertThat(send(call, "Authorization", "Bearer " + writer).statusCode()).as("%s", call)
                    .isIn(200, 201, 204, 404);
            expectProblem(send(call, "Authorization", "Bearer " + other), 403, call);
        }
    }

    @Test
    void expiredOrForeignJwtsAre401() throws JOSEException, NoSuchAlgorithmException {
        String expired = jwt("memory:write", Instant.now().minusSeconds(600));
        expectProblem(send(CALLS.get(0), "Authorization", "Bearer " + expired), 401, CALLS.get(0));
        KeyPair foreign = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String forged = sign(foreign, "memory:write", Instant.now().plusSeconds(300));
        expectProblem(send(CALLS.get(0), "Authorization", "Bearer " + forged), 401, CALLS.get(0));
    }

    @Test
    void healthProbesNeedNoCredentials() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(get("http://127.0.0.1:" + managementPort + probe).statusCode())
                    .as(probe).isEqualTo(200);
        }
    }

    @Test
    void prometheusIsServedOnlyOnTheManagementPort() {
        assertThat(get("http://127.0.0.1:" + managementPort + "/actuator/prometheus")
                .statusCode()).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + port + "/actuator/prometheus").statusCode())
                .isEqualTo(404);
    }

    private static void expectProblem(HttpResponse<String> answer, int status, Call call) {
        assertThat(answer.statusCode()).as(call + " " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).as("%s", call)
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = ApiClient.JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    private HttpResponse<String> send(Call call, String header, String value) {
        return send(call.method(), call.path(), call.body(), header, value);
    }

    private HttpResponse<String> send(String method, String path, String body, String header,
                                      String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (header != null) {
            request.header(header, value);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return exchange(request.build());
    }

    private static HttpResponse<String> get(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String jwt(String scope, Instant expires) throws JOSEException {
        return sign(SIGNING, scope, expires);
    }

    private static String sign(KeyPair keys, String scope, Instant expires)
            throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("client-1")
                .claim("scope", scope)
                .issueTime(Date.from(expires.minusSeconds(900)))
                .expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
