package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.async.DeferredResult;

/** How {@link Deferred} binds engine work to its answer and to its client's connection. */
class DeferredTests {

    private final ClientWatch watch = new ClientWatch(Duration.ofMillis(5));
    private final Deferred deferred = new Deferred(watch);

    @AfterEach
    void closeWatch() {
        watch.close();
    }

    /** A request whose servlet connection is the given probe, as the server adapter makes. */
    private static MockHttpServletRequest requestOn(ClientConnection probe) {
        return new MockHttpServletRequest("POST", "/v1/divergence") {
            @Override
            public ServletConnection getServletConnection() {
                return new FakeConnection(probe);
            }
        };
    }

    /** A plain HTTP/1.1 connection whose probe is the test's. */
    private record FakeConnection(ClientConnection probe)
            implements ServletConnection, ClientConnection {

        @Override
        public boolean isClosed() {
            return probe.isClosed();
        }

        @Override
        public String getConnectionId() {
            return "1";
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public String getProtocolConnectionId() {
            return "";
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }

    private static boolean await(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        for (int i = 0; i < 1_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }

    @Test
    void workThatDiesOfAnErrorIsAnsweredWithIt() {
        CompletableFuture<String> work = new CompletableFuture<>();
        DeferredResult<String> answer = deferred.answer(requestOn(ClientConnection.UNKNOWN),
                60_000, cancel -> work);

        work.completeExceptionally(new OutOfMemoryError("Java heap space"));

        assertThat(answer.hasResult()).as("answered, not left to its time limit").isTrue();
        assertThat(answer.getResult()).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aClientThatClosesItsConnectionCancelsTheWorkAndIsAnsweredAtOnce() throws Exception {
        AtomicBoolean gone = new AtomicBoolean();
        AtomicBoolean cancelSeen = new AtomicBoolean();
        CompletableFuture<String> work = new CompletableFuture<>();
        DeferredResult<String> answer = deferred.answer(requestOn(gone::get), 60_000,
                cancel -> {
                    CompletableFuture.runAsync(() -> {
                        while (!cancel.get()) {
                            Thread.onSpinWait();
                        }
                        cancelSeen.set(true);
                    });
                    return work;
                });
        Thread.sleep(30);
        assertThat(answer.hasResult()).as("still waiting while the client is there").isFalse();

        gone.set(true);

        assertThat(await(cancelSeen::get)).as("the work saw its cancel flag").isTrue();
        assertThat(answer.getResult()).isInstanceOf(Deferred.ClientClosedException.class);
        assertThat(watch.size()).isZero();
    }

    @Test
    void aConnectionIsNoLongerProbedOnceItsAnswerIsReady() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        CompletableFuture<String> work = new CompletableFuture<>();
        DeferredResult<String> answer = deferred.answer(requestOn(() -> {
            probes.incrementAndGet();
            return false;
        }), 60_000, cancel -> work);
        assertThat(await(() -> probes.get() >= 3)).as("probed while the work runs").isTrue();

        work.complete("done");
        int probesAtAnswer = probes.get();
        Thread.sleep(50);

        assertThat(answer.getResult()).isEqualTo("done");
        assertThat(probes.get()).isEqualTo(probesAtAnswer);
        assertThat(watch.size()).isZero();
    }

    @Test
    void aRequestWithoutAProbeIsNeverWatched() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/divergence");

        deferred.answer(request, 60_000, cancel -> new CompletableFuture<>());

        assertThat(watch.size()).isZero();
    }
}
