package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.shkmemory.config.ShkProperties;
import io.shkmemory.memory.EngineSaturatedException;
import io.shkmemory.memory.IndexNotReadyException;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ApiExceptionHandlerTests {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(new ShkProperties(
            new ShkProperties.Memory(0.05, 100),
            new ShkProperties.Engine(1, 1, Duration.ofSeconds(3), Duration.ofMillis(200), DataSize.ofMegabytes(64)),
            null, null, null));

    @Test
    void saturatedEngineIsAnswered429WithRetryAfter() {
        ResponseEntity<Object> answer = handler.saturated(new EngineSaturatedException(64));

        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(answer.getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(((ProblemDetail) answer.getBody()).getStatus()).isEqualTo(429);
    }

    @Test
    void loadingIndexIsAnswered503WithRetryAfter() {
        ResponseEntity<Object> answer = handler.notReady(new IndexNotReadyException());

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
    }
}
