package io.shkmemory.api;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.shkmemory.config.ShkProperties;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code shk.limits.max-request-bytes} with 413: at once when the
 * Content-Length says so, otherwise as soon as reading passes the limit. It also keeps the
 * bytes of all bodies in progress under {@code shk.limits.max-inflight-bytes} (a body stays
 * in progress until its answer is sent, since its parsed form lives that long): a request
 * that would pass that budget gets 429 with Retry-After before its body is read.
 */
@Component
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final int KIB = 1024;

    private final long limit;
    private final Semaphore inflightKib;
    private final long retryAfterSeconds;
    private final ProblemWriter problems;

    public RequestSizeLimitFilter(ShkProperties properties, ProblemWriter problems) {
        this.limit = properties.limits().maxRequestBytes().toBytes();
        long budget = Math.max(limit, properties.limits().maxInflightBytes().toBytes());
        this.inflightKib = new Semaphore((int) Math.min(Integer.MAX_VALUE, budget / KIB));
        this.retryAfterSeconds = Math.max(1, properties.engine().retryAfter().toSeconds());
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                    FilterChain chain) throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limit) {
            String message = "must be at most " + limit + " bytes, Content-Length was " + length;
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Input too large",
                    "body: " + message, List.of(new FieldError("body", message)), null);
            return;
        }
        int kib = (int) Math.max(1, ((length < 0 ? limit : length) + KIB - 1) / KIB);
        if (!inflightKib.tryAcquire(kib)) {
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Server busy",
                    "too many request bytes are in progress; retry after " + retryAfterSeconds
                            + " s", null, retryAfterSeconds);
            return;
        }
        Runnable release = releaseOnce(kib);
        try {
            chain.doFilter(new LimitedRequest(request, limit), response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new ReleaseWhenDone(release));
            } else {
                release.run();
            }
        }
    }

    /** Bytes of the in-flight budget free now, in KiB. */
    int availableKib() {
        return inflightKib.availablePermits();
    }

    private Runnable releaseOnce(int kib) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                inflightKib.release(kib);
            }
        };
    }

    /** Gives the budget back when an asynchronous request ends, however it ends. */
    private record ReleaseWhenDone(Runnable release) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** A request whose body stream fails once more than the limit has been read. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
