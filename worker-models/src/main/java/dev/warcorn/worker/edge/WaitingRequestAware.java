package dev.warcorn.worker.edge;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP/1.1 whose keep-alive timeout closes only connections that really are idle.
 *
 * <p>Jetty measures a connection's idleness from its last read or write, so between two requests it
 * counts from the end of the response. When the worker is overloaded (thousands of connections on one
 * core, a GC pause, a burst of JIT work) the client's next request can sit in the socket's receive queue
 * longer than {@code --keep-alive} before the selector's task gets to read it, and Jetty then closes a
 * connection that holds an unanswered request: the client sees the connection closed without an answer
 * (wrk's "read" errors; 2,000 of them at 5,000 clients). Gunicorn's keep-alive timer has the same
 * meaning but a single-threaded event loop that reads before it times out. Here, when the timeout fires
 * between requests and the kernel holds bytes for the connection, the connection is not idle: it stays
 * open and its timer starts again, and the waiting request is read and served as soon as the worker gets
 * to it. A connection in the middle of a request is left to Jetty ({@code --body-timeout} governs it).
 */
public final class WaitingRequestAware extends HttpConnectionFactory {
    private static final Logger log = LoggerFactory.getLogger(WaitingRequestAware.class);
    private static final LongAdder spared = new LongAdder();

    public WaitingRequestAware(HttpConfiguration config) {
        super(config);
    }

    /** How many keep-alive timeouts found a request waiting and left its connection open, since the worker started. */
    public static long spared() {
        return spared.sum();
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Http1 connection = new Http1(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private static final class Http1 extends HttpConnection {
        Http1(HttpConfiguration config, Connector connector, EndPoint endPoint) {
            super(config, connector, endPoint);
        }

        @Override
        public boolean onIdleExpired(TimeoutException timeout) {
            if (getHttpChannel().getRequest() == null && requestWaiting(getEndPoint())) {
                spared.increment();
                if (log.isDebugEnabled()) log.debug("{}: {}, but a request is waiting to be read; kept open", getEndPoint(), timeout.getMessage());
                return false;
            }
            return super.onIdleExpired(timeout);
        }
    }

    /** Whether the kernel holds unread bytes for the connection (FIONREAD), through a TLS layer if there is one. */
    static boolean requestWaiting(EndPoint endPoint) {
        Object transport = endPoint.getTransport();
        for (int depth = 0; transport instanceof EndPoint inner && depth < 4; depth++) transport = inner.getTransport();
        if (!(transport instanceof SocketChannel channel) || !channel.isOpen()) return false;
        try {
            return channel.socket().getInputStream().available() > 0;
        } catch (IOException | RuntimeException e) {
            return false; // a closed or odd socket: let Jetty time it out as before
        }
    }
}
