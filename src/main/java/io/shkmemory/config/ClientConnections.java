package io.shkmemory.config;

import java.io.IOException;

import io.shkmemory.api.ClientConnection;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives every HTTP/1.x request on the API port a {@link ClientConnection} probe that can tell
 * whether its client has closed the connection.
 *
 * <p>How: once a request's body has been read, anything more on its connection is either the
 * client's next request or the end of the stream. The probe asks Tomcat for a non-blocking
 * read ({@link ActionCode#AVAILABLE} with a read); Tomcat keeps any bytes it gets for the next
 * request, and answers exactly 1 when the read met the end of the stream (or failed). A
 * pipelining client that has sent part of its next request is therefore never reported gone;
 * one that sent a single byte of it would be, which no HTTP client does.
 */
@Component
public class ClientConnections implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(new ProbeValve());
    }

    /** Leaves a probe in the attributes of every HTTP/1.x request. */
    static final class ProbeValve extends ValveBase {

        ProbeValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            String protocol = request.getProtocol();
            if ("HTTP/1.1".equals(protocol) || "HTTP/1.0".equals(protocol)) {
                request.setAttribute(ClientConnection.ATTRIBUTE,
                        new TomcatConnection(request.getCoyoteRequest()));
            }
            getNext().invoke(request, response);
        }
    }

    /** The probe: a non-blocking read past the end of the request's body. */
    record TomcatConnection(org.apache.coyote.Request request) implements ClientConnection {

        @Override
        public boolean isClosed() {
            if (!request.isFinished()) {
                // bytes of the body are still unread: a read would not reach the end
                return false;
            }
            request.action(ActionCode.AVAILABLE, Boolean.TRUE);
            return request.getAvailable() == 1;
        }
    }
}
