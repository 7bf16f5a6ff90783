package io.shkmemory.config;

import java.io.IOException;

import io.shkmemory.api.ClientConnection;
import jakarta.servlet.ServletConnection;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Runs the API port's HTTP/1.1 connections on a protocol whose requests can tell whether their
 * client has closed the connection: {@code request.getServletConnection()} is a
 * {@link ClientConnection}.
 *
 * <p>How: once a request's body has been read, anything more on its connection is either the
 * client's next request or the end of the stream. The probe asks the connection's socket
 * wrapper whether it is ready for a read ({@code SocketWrapperBase.isReadyForRead()}), a
 * non-blocking read into the socket's own buffer: bytes it gets stay there for the next
 * request, and the end of the stream raises an {@link IOException}. It never reads through
 * the request's input buffer: when a pipelined next request arrives with the body, the body
 * filter has already read past the body, and a read there would lose the positions Tomcat
 * needs to end the request and start the next one.
 */
@Component
public class ClientConnections implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(ProbingProtocol.class.getName());
    }

    /** Tomcat's HTTP/1.1 NIO protocol, with processors that hand out probing connections. */
    public static class ProbingProtocol extends Http11NioProtocol {

        @Override
        protected Processor createProcessor() {
            return new ProbingProcessor(this);
        }
    }

    /** Tomcat's HTTP/1.1 processor whose servlet connections are probes. */
    static final class ProbingProcessor extends Http11Processor {

        ProbingProcessor(ProbingProtocol protocol) {
            super(protocol, protocol.getAdapter());
        }

        @Override
        protected ServletConnection getServletConnection() {
            return new ProbedConnection(super.getServletConnection(), socketWrapper);
        }
    }

    /**
     * The servlet connection of one request, which can probe its socket. The socket wrapper is
     * the one of this request: a processor moves on to other connections, this object does not.
     */
    record ProbedConnection(ServletConnection servlet, SocketWrapperBase<?> socket)
            implements ServletConnection, ClientConnection {

        @Override
        public boolean isClosed() {
            try {
                socket.isReadyForRead();
                return false;
            } catch (IOException e) {
                // the end of the stream, or a connection reset
                return true;
            }
        }

        @Override
        public String getConnectionId() {
            return servlet.getConnectionId();
        }

        @Override
        public String getProtocol() {
            return servlet.getProtocol();
        }

        @Override
        public String getProtocolConnectionId() {
            return servlet.getProtocolConnectionId();
        }

        @Override
        public boolean isSecure() {
            return servlet.isSecure();
        }
    }
}
