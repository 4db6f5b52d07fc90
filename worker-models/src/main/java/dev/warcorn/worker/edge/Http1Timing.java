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

/**
 * HTTP/1.1 connections with warcorn's two timing rules on top of Jetty's.
 *
 * <p><b>Keep-alive closes only connections that really are idle.</b> Jetty measures idleness from the last
 * read or write, so between two requests it counts from the end of the response. When the worker is
 * overloaded (thousands of connections on one core, a GC pause, a burst of JIT work) the client's next
 * request can sit in the socket's receive queue longer than {@code --keep-alive} before the selector's
 * task gets to read it, and Jetty then closes a connection that holds an unanswered request: the client
 * sees it closed without an answer (wrk's "read" errors; 2,000 of them at 5,000 clients). Here, when the
 * timeout fires between requests and the kernel holds bytes for the connection, the connection stays open
 * and its timer starts again (also when the worker already read those bytes but has not parsed the whole
 * head yet); the waiting request is served as soon as the worker gets to it. A connection
 * in the middle of a request is left to Jetty ({@code --body-timeout} governs it).
 *
 * <p><b>The header deadline counts from the head's first byte</b> ({@link HeaderDeadline}): an idle
 * connection between requests is --keep-alive's, however long that is.
 */
public final class Http1Timing extends HttpConnectionFactory {
    private static final Logger log = LoggerFactory.getLogger(Http1Timing.class);

    private final HeaderDeadline deadline;

    /** @param deadline the --header-timeout sweeper, or {@code null} for none */
    Http1Timing(HttpConfiguration config, HeaderDeadline deadline) {
        super(config);
        this.deadline = deadline;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Http1 connection = new Http1(getHttpConfiguration(), connector, endPoint, deadline);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    static final class Http1 extends HttpConnection {
        private final HeaderDeadline deadline;
        /** {@link System#nanoTime} when the bytes of a request head began to arrive (never 0), or 0 between requests. */
        private volatile long headSince;
        /**
         * A thread is in {@link #onFillable}, reading and parsing the next request's bytes: between its read and
         * the end of the head FIONREAD says 0 while there is no request yet. The idle check reads this flag
         * rather than Jetty's request buffer and parser, which are that thread's alone (read from the timer's
         * thread, the buffer can be released between its null check and its use).
         */
        private volatile boolean filling;

        Http1(HttpConfiguration config, Connector connector, EndPoint endPoint, HeaderDeadline deadline) {
            super(config, connector, endPoint);
            this.deadline = deadline;
        }

        @Override
        public void onOpen() {
            super.onOpen();
            if (deadline != null) deadline.opened(this);
        }

        @Override
        public void onClose(Throwable cause) {
            if (deadline != null) deadline.closed(this);
            super.onClose(cause);
        }

        @Override
        public void onFillable() {
            // Bytes to read and no request yet: a head is arriving. (While a request runs, reads are its body's.)
            if (deadline != null && headSince == 0 && getHttpChannel().getRequest() == null) headSince = System.nanoTime() | 1;
            filling = true;
            try {
                super.onFillable();
            } finally {
                filling = false;
            }
        }

        /** The head is complete (its request is being customized): the deadline is lifted. */
        void headComplete() {
            headSince = 0;
        }

        long headSince() {
            return headSince;
        }

        @Override
        public boolean onIdleExpired(TimeoutException timeout) {
            if (getHttpChannel().getRequest() == null && (requestWaiting(getEndPoint()) || filling)) {
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
            return false; // a closed or odd socket (a Unix one has no socket()): Jetty times it out as before
        }
    }
}
