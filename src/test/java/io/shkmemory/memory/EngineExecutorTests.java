package io.shkmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    void refusesWorkWhoseMemoryTheAdmittedWorkAlreadyHoldsAndReleasesItAtTheEnd() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rejections = new AtomicInteger();
        try (EngineExecutor executor = new EngineExecutor(2, 4, 100)) {
            executor.observe(new CountingObserver(rejections));
            CompletableFuture<Object> big = executor.submit(
                    cancelled -> await(started, release), new AtomicBoolean(), 70);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> executor.submit(cancelled -> "too much",
                    new AtomicBoolean(), 31))
                    .isInstanceOf(EngineSaturatedException.class)
                    .hasMessageContaining("memory budget");
            assertThat(rejections.get()).isEqualTo(1);
            assertThat(executor.submit(cancelled -> "fits", new AtomicBoolean(), 30).get(5,
                    TimeUnit.SECONDS)).isEqualTo("fits");
            assertThat(executor.memoryReserved()).isEqualTo(70);

            release.countDown();
            big.get(5, TimeUnit.SECONDS);
            assertThat(executor.memoryReserved()).isZero();
            assertThat(executor.submit(cancelled -> "now", new AtomicBoolean(), 100).get(5,
                    TimeUnit.SECONDS)).isEqualTo("now");
        }
    }

    @Test
    void failedAndCancelledWorkGiveTheirMemoryBack() throws Exception {
        try (EngineExecutor executor = new EngineExecutor(1, 2, 100)) {
            CompletableFuture<Object> failed = executor.submit(cancelled -> {
                throw new IllegalStateException("boom");
            }, new AtomicBoolean(), 60);
            AtomicBoolean cancel = new AtomicBoolean(true);
            CompletableFuture<Object> cancelled = executor.submit(c -> "never", cancel, 40);

            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> cancelled.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(CancellationException.class);
            assertThat(executor.memoryReserved()).isZero();
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
