package io.shkmemory.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The connection a request arrived on, as far as the server can tell whether its client is
 * still there. HTTP/1.1 has no message for "I gave up": a client that goes away closes its
 * connection, and the server only learns of it by reading from it. The embedded Tomcat does
 * not read while an asynchronous request waits for its answer, so the web server adapter
 * ({@code config.ClientConnections}) makes the request's {@code getServletConnection()} a
 * probe that does.
 */
public interface ClientConnection {

    /** A connection the server cannot probe: never reported closed. */
    ClientConnection UNKNOWN = () -> false;

    /**
     * Whether the client has closed the connection. Called only while the request waits for
     * its answer, never concurrently with the container's own work on the connection.
     */
    boolean isClosed();

    /** The request's connection if the server can probe it, or {@link #UNKNOWN}. */
    static ClientConnection of(HttpServletRequest request) {
        return request.getServletConnection() instanceof ClientConnection connection
                ? connection : UNKNOWN;
    }
}
