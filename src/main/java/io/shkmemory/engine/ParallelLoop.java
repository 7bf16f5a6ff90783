package io.shkmemory.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code body(0..count-1)} on the calling thread and up to {@code parallelism - 1}
 * helpers from a bounded pool. Items are claimed from a shared counter and the caller waits
 * only for items already claimed, so a saturated pool (or one that rejects the helpers) slows
 * the loop down but cannot deadlock it, even when the caller itself runs on that pool.
 * Each item writes its own slot, so results do not depend on the number of threads.
 */
final class ParallelLoop {

    private final Executor pool;
    private final int parallelism;

    ParallelLoop(Executor pool, int parallelism) {
        this.pool = pool;
        this.parallelism = pool == null ? 1 : Math.max(1, parallelism);
    }

    void run(int count, IntConsumer body) {
        if (parallelism == 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        body.accept(i);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        int helpers = Math.min(parallelism - 1, count - 1);
        for (int h = 0; h < helpers; h++) {
            try {
                pool.execute(worker);
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while waiting");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
