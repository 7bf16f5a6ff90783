package io.shkmemory.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.shkmemory.memory.EngineExecutor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers engine work asynchronously, and cancels the work when nobody waits for it any more:
 * when the request outlives its time limit, when the container reports an error of the async
 * request, and when {@link ClientWatch} finds that the client closed its connection. Each
 * sets the cancel flag the engine polls; a task still queued then never starts.
 */
@Component
public class Deferred {

    private final ClientWatch clients;

    public Deferred(ClientWatch clients) {
        this.clients = clients;
    }

    /**
     * Starts the work and binds its answer to a {@link DeferredResult}.
     *
     * @param request       the request being answered, whose connection is watched
     * @param timeoutMillis how long the request may take before it is answered with 503
     * @param start         starts the work with the cancel flag; may throw at once (404, 429)
     * @param toResponse    turns the work's value into the answer
     */
    public <T, R> DeferredResult<R> answer(HttpServletRequest request, long timeoutMillis,
                                           Function<AtomicBoolean, CompletableFuture<T>> start,
                                           Function<T, R> toResponse) {
        AtomicBoolean cancel = new AtomicBoolean();
        CompletableFuture<T> work = start.apply(cancel);
        DeferredResult<R> answer = new DeferredResult<>(timeoutMillis);
        // the probe looks past the request: what is left of the body must be read first
        drainBody(request);
        ClientWatch.Watched watch = clients.watch(ClientConnection.of(request), () -> {
            cancel.set(true);
            answer.setErrorResult(new ClientClosedException());
        });
        answer.onTimeout(() -> {
            watch.stop();
            cancel.set(true);
            answer.setErrorResult(new RequestTimeoutException(timeoutMillis));
        });
        answer.onError(e -> {
            watch.stop();
            cancel.set(true);
        });
        answer.onCompletion(() -> {
            watch.stop();
            cancel.set(true);
        });
        work.whenComplete((value, failure) -> {
            watch.stop();
            if (failure != null) {
                answer.setErrorResult(cause(failure));
                return;
            }
            try {
                answer.setResult(toResponse.apply(value));
            } catch (RuntimeException | Error e) {
                answer.setErrorResult(e);
            }
        });
        return answer;
    }

    public <T> DeferredResult<T> answer(HttpServletRequest request, long timeoutMillis,
                                        Function<AtomicBoolean, CompletableFuture<T>> start) {
        return answer(request, timeoutMillis, start, Function.identity());
    }

    /** The failure to answer with: the task's own exception, or the error that ended it. */
    private static Throwable cause(Throwable failure) {
        try {
            return EngineExecutor.unwrap(failure);
        } catch (Error e) {
            return e;
        }
    }

    /**
     * Reads what the body parser left unread (trailing whitespace after the JSON, the last
     * chunk of a chunked body): the connection probe takes unread bytes for a client that is
     * still there, and would never reach the end of the stream behind them. The body has
     * arrived by now in all but hostile cases, and its size is capped.
     */
    private static void drainBody(HttpServletRequest request) {
        try {
            InputStream body = request.getInputStream();
            byte[] sink = new byte[512];
            while (body.read(sink) >= 0) {
                // discard
            }
        } catch (IOException | IllegalStateException e) {
            // no stream to drain (a reader was used) or it failed: the probe then cannot tell
        }
    }

    /** The request took longer than its time limit. */
    static final class RequestTimeoutException extends RuntimeException {
        RequestTimeoutException(long timeoutMillis) {
            super("the request took longer than its limit of " + timeoutMillis + " ms");
        }
    }

    /** The client closed its connection before the answer was ready. */
    static final class ClientClosedException extends RuntimeException {
        ClientClosedException() {
            super("the client closed the connection before the answer was ready");
        }
    }
}
