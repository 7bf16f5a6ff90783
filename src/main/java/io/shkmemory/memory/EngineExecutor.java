package io.shkmemory.memory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The bounded pool on which every engine computation of a request runs, apart from the HTTP
 * threads: a fixed number of workers and a bounded queue. When the queue is full the task
 * is refused with {@link EngineSaturatedException} instead of piling up, so that the work
 * admitted keeps its latency.
 *
 * <p>Each task gets a {@link BooleanSupplier} that turns true when its caller gives up (the
 * client went away, the request timed out); the engine polls it once per Sinkhorn iteration,
 * and a task cancelled while still queued never starts.
 *
 * <p>Heap is admitted the same way: a task declares the bytes its solves hold at their peak,
 * reserved from a fixed budget from submission until it ends. A task that would take the
 * reservations over the budget is refused like one that finds the queue full, so that the
 * engine never asks the heap for more than its budget.
 */
public final class EngineExecutor implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor parallelPool;
    private final int queueCapacity;
    private final long memoryBudget;
    private final AtomicLong reserved = new AtomicLong();
    private volatile EngineObserver observer = EngineObserver.NONE;

    /** A pool without a memory budget. */
    public EngineExecutor(int threads, int queueCapacity) {
        this(threads, queueCapacity, Long.MAX_VALUE);
    }

    /**
     * @param memoryBudget bytes the tasks admitted at once may declare in all
     */
    public EngineExecutor(int threads, int queueCapacity, long memoryBudget) {
        this.queueCapacity = queueCapacity;
        this.memoryBudget = memoryBudget;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), daemons("shk-engine-"),
                new ThreadPoolExecutor.AbortPolicy());
        // Helpers of the request tasks: each of at most `threads` running tasks asks for at
        // most `threads - 1` helpers, so this queue never fills; if it did, the engine's loop
        // would do the refused share itself.
        this.parallelPool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * threads), daemons("shk-parallel-"),
                new ThreadPoolExecutor.AbortPolicy());
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
     * Queues the task and answers at once with its future. Setting {@code cancel} tells the
     * task to stop (it sees it through its {@link BooleanSupplier}); a task cancelled before
     * it started completes with a {@link CancellationException} without running.
     *
     * @throws EngineSaturatedException when the queue is full
     */
    public <T> CompletableFuture<T> submit(Function<BooleanSupplier, T> task,
                                           AtomicBoolean cancel) {
        return submit(task, cancel, 0);
    }

    /**
     * Like {@link #submit(Function, AtomicBoolean)}, holding {@code bytes} of the memory
     * budget from now until the task ends.
     *
     * @throws IllegalArgumentException when {@code bytes} exceed the whole budget: callers
     *                                  check {@link #memoryBudget()} first
     * @throws EngineSaturatedException when the queue is full or the budget is taken
     */
    public <T> CompletableFuture<T> submit(Function<BooleanSupplier, T> task,
                                           AtomicBoolean cancel, long bytes) {
        if (bytes > memoryBudget) {
            throw new IllegalArgumentException("a task of " + bytes
                    + " bytes can never fit the budget of " + memoryBudget);
        }
        if (!reserve(bytes)) {
            observer.rejected();
            throw EngineSaturatedException.memoryTaken(bytes, memoryBudget);
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Runnable job = () -> {
            T value = null;
            Throwable failure = null;
            try {
                if (cancel.get()) {
                    failure = new CancellationException(
                            "the request was cancelled before it started");
                } else {
                    value = task.apply(cancel::get);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                // before the answer, so that whoever sees the answer sees the memory back
                reserved.addAndGet(-bytes);
            }
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(value);
            }
        };
        try {
            pool.execute(job);
        } catch (RejectedExecutionException e) {
            reserved.addAndGet(-bytes);
            observer.rejected();
            throw new EngineSaturatedException(queueCapacity);
        }
        return answer;
    }

    private boolean reserve(long bytes) {
        while (true) {
            long now = reserved.get();
            if (now + bytes > memoryBudget) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * Runs the task on the pool and waits for its answer.
     *
     * @throws EngineSaturatedException when the queue is full
     */
    public <T> T run(Function<BooleanSupplier, T> task) {
        AtomicBoolean cancel = new AtomicBoolean();
        CompletableFuture<T> future = submit(task, cancel);
        try {
            return future.get();
        } catch (InterruptedException e) {
            cancel.set(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("the request was interrupted");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** The cause of a failed task, as an unchecked exception to rethrow. */
    public static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
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

    public int queueCapacity() {
        return queueCapacity;
    }

    /** Bytes the tasks admitted at once may declare in all. */
    public long memoryBudget() {
        return memoryBudget;
    }

    /** Bytes declared by the tasks admitted and not yet ended. */
    public long memoryReserved() {
        return reserved.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        parallelPool.shutdownNow();
    }
}
