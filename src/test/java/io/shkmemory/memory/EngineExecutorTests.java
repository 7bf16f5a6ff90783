package io.shkmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.shkmemory.engine.Divergence;
import io.shkmemory.engine.RetrievalResult;
import org.junit.jupiter.api.Test;

class EngineExecutorTests {

    @Test
    void runsTheTaskOnAnEngineThreadAndReturnsItsAnswer() {
        try (EngineExecutor executor = new EngineExecutor(1, 1)) {
            String thread = executor.run(cancelled -> Thread.currentThread().getName());

            assertThat(thread).startsWith("shk-engine-");
        }
    }

    @Test
    void refusesWorkWhenEveryWorkerIsBusyAndTheQueueIsFull() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rejections = new AtomicInteger();
        try (EngineExecutor executor = new EngineExecutor(1, 1)) {
            executor.observe(new CountingObserver(rejections));
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() ->
                    executor.run(cancelled -> await(started, release)));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Object> queued = CompletableFuture.supplyAsync(() ->
                    executor.run(cancelled -> "queued"));
            while (executor.queueDepth() < 1) {
                Thread.sleep(5);
            }

            assertThatThrownBy(() -> executor.run(cancelled -> "third"))
                    .isInstanceOf(EngineSaturatedException.class);
            assertThat(rejections).hasValue(1);

            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("queued");
        }
    }

    @Test
    void rethrowsTheTasksRuntimeException() {
        try (EngineExecutor executor = new EngineExecutor(1, 1)) {
            assertThatThrownBy(() -> executor.run(cancelled -> {
                throw new IllegalArgumentException("bad");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
        }
    }

    private static Object await(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "done";
    }

    private record CountingObserver(AtomicInteger rejections) implements EngineObserver {
        @Override
        public void retrieved(RetrievalResult result, long elapsedNanos) {
        }

        @Override
        public void searched(int patternCount, long elapsedNanos) {
        }

        @Override
        public void divergenceComputed(Divergence divergence) {
        }

        @Override
        public void rejected() {
            rejections.incrementAndGet();
        }
    }
}
