package io.shkmemory.api;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the connections of requests that wait for engine work, and calls back when a
 * client has gone, so that its work is cancelled instead of running to its deadline. One
 * daemon thread probes every watched connection once per interval.
 */
public final class ClientWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClientWatch.class);

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService probes;

    /** A watch probing once per {@code interval}; zero or negative watches nothing. */
    public ClientWatch(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            probes = null;
            return;
        }
        probes = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "shk-client-watch");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        probes.scheduleWithFixedDelay(this::probeAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts watching a connection; {@code onClosed} runs once, on the watch thread, if the
     * client closes it before {@link Watched#stop()}.
     */
    public Watched watch(ClientConnection connection, Runnable onClosed) {
        Watched w = new Watched(connection, onClosed);
        if (probes != null && connection != ClientConnection.UNKNOWN) {
            watched.add(w);
        }
        return w;
    }

    /** Connections being watched. */
    int size() {
        return watched.size();
    }

    private void probeAll() {
        for (Watched w : watched) {
            try {
                w.probe();
            } catch (RuntimeException e) {
                log.warn("Probing a client connection failed; it is no longer watched", e);
                w.stop();
            }
        }
    }

    @Override
    public void close() {
        if (probes != null) {
            probes.shutdownNow();
        }
    }

    /** One watched connection. */
    public final class Watched {

        private final ClientConnection connection;
        private final Runnable onClosed;
        private boolean stopped;

        private Watched(ClientConnection connection, Runnable onClosed) {
            this.connection = connection;
            this.onClosed = onClosed;
        }

        /**
         * Stops watching. Waits for a probe in progress, so that once this returns the
         * connection is the container's alone again: call it before the answer is handed to
         * the container.
         */
        public synchronized void stop() {
            stopped = true;
            watched.remove(this);
        }

        private void probe() {
            boolean closed;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                closed = connection.isClosed();
                if (closed) {
                    stopped = true;
                    watched.remove(this);
                }
            }
            if (closed) {
                onClosed.run();
            }
        }
    }
}
