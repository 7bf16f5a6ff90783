package io.shkmemory.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The connection a request arrived on, as far as the server can tell whether its client is
 * still there. HTTP/1.1 has no message for "I gave up": a client that goes away closes its
 * connection, and the server only learns of it by reading from it. The embedded Tomcat does
 * not read while an asynchronous request waits for its answer, so the web server adapter
 * ({@code config.ClientConnections}) puts a probe that reads in the request's attributes.
 */
public interface ClientConnection {

    /** The request attribute under which the server adapter leaves the probe. */
    String ATTRIBUTE = ClientConnection.class.getName();

    /** A connection the server cannot probe: never reported closed. */
    ClientConnection UNKNOWN = () -> false;

    /**
     * Whether the client has closed the connection. Called only while the request waits for
     * its answer, never concurrently with the container's own work on the connection.
     */
    boolean isClosed();

    /** The probe the server adapter left in the request, or {@link #UNKNOWN}. */
    static ClientConnection of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof ClientConnection connection
                ? connection : UNKNOWN;
    }
}
