package io.shkmemory.memory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The bounded pool on which every engine computation of a request runs, apart from the HTTP
 * threads: a fixed number of workers and a bounded queue. When the queue is full the task
 * is refused with {@link EngineSaturatedException} instead of piling up.
 *
 * <p>The caller waits for its task; if the caller is interrupted, the task is told through
 * the {@link BooleanSupplier} it receives, which the engine polls between steps.
 */
public final class EngineExecutor implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final ExecutorService parallelPool;
    private final int queueCapacity;
    private volatile EngineObserver observer = EngineObserver.NONE;

    public EngineExecutor(int threads, int queueCapacity) {
        this.queueCapacity = queueCapacity;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), daemons("shk-engine-"),
                new ThreadPoolExecutor.AbortPolicy());
        // Only request tasks (at most `threads` at a time) submit here, and its tasks submit
        // nothing: the queue is bounded by threads x patterns even though it has no cap.
        this.parallelPool = Executors.newFixedThreadPool(threads, daemons("shk-parallel-"));
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The pool the engine spreads one request's per-pattern solves over; separate from the
     * request pool so that a request task never waits for tasks queued behind it.
     */
    public Executor parallelPool() {
        return parallelPool;
    }

    public void observe(EngineObserver newObserver) {
        this.observer = newObserver;
    }

    /**
     * Runs the task on the pool and waits for its answer.
     *
     * @throws EngineSaturatedException when the queue is full
     */
    public <T> T run(Function<BooleanSupplier, T> task) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<T> future;
        try {
            future = pool.submit(() -> task.apply(cancelled::get));
        } catch (RejectedExecutionException e) {
            observer.rejected();
            throw new EngineSaturatedException(queueCapacity);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            cancelled.set(true);
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new CancellationException("the request was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Tasks waiting for a worker. */
    public int queueDepth() {
        return pool.getQueue().size();
    }

    /** Workers busy with a task. */
    public int active() {
        return pool.getActiveCount();
    }

    public int threads() {
        return pool.getMaximumPoolSize();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        parallelPool.shutdownNow();
    }
}
