package io.shkmemory.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.shkmemory.memory.EngineExecutor;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers engine work asynchronously, so that the request is cancelled when it ends early:
 * the servlet container reports a client that went away as an error of the async request,
 * and a request that outlives its time limit as a timeout. Either sets the cancel flag the
 * engine polls; a task still queued then never starts.
 */
final class Deferred {

    private Deferred() {
    }

    /**
     * Starts the work and binds its answer to a {@link DeferredResult}.
     *
     * @param timeoutMillis how long the request may take before it is answered with 503
     * @param start         starts the work with the cancel flag; may throw at once (404, 429)
     */
    static <T, R> DeferredResult<R> answer(long timeoutMillis,
                                           Function<AtomicBoolean, CompletableFuture<T>> start,
                                           Function<T, R> toResponse) {
        AtomicBoolean cancel = new AtomicBoolean();
        DeferredResult<R> answer = new DeferredResult<>(timeoutMillis);
        answer.onTimeout(() -> {
            cancel.set(true);
            answer.setErrorResult(new RequestTimeoutException(timeoutMillis));
        });
        answer.onError(e -> cancel.set(true));
        answer.onCompletion(() -> cancel.set(true));
        start.apply(cancel).whenComplete((value, failure) -> {
            if (failure != null) {
                answer.setErrorResult(EngineExecutor.unwrap(failure));
                return;
            }
            try {
                answer.setResult(toResponse.apply(value));
            } catch (RuntimeException e) {
                answer.setErrorResult(e);
            }
        });
        return answer;
    }

    static <T> DeferredResult<T> answer(long timeoutMillis,
                                        Function<AtomicBoolean, CompletableFuture<T>> start) {
        return answer(timeoutMillis, start, Function.identity());
    }

    /** The request took longer than its time limit. */
    static final class RequestTimeoutException extends RuntimeException {
        RequestTimeoutException(long timeoutMillis) {
            super("the request took longer than its limit of " + timeoutMillis + " ms");
        }
    }
}
