package dev.warcorn.worker.edge;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLEngine;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * TLS whose handshake counts as the start of a request, not as idleness. Jetty's idle timeout
 * (--keep-alive, 2 s by default) runs from the last read or write, and during a handshake the server
 * reads the ClientHello and then computes (key exchange, signature) before it writes: on a worker just
 * booted, whose crypto code still runs interpreted, on a loaded machine, that can take longer than
 * --keep-alive, and Jetty then closed the connection under the handshake (curl: "SSL_ERROR_SYSCALL").
 * Until the handshake ends, an idle timeout keeps the connection open while the client's bytes wait to
 * be read or while the handshake is younger than --header-timeout (the bound on getting a request's head
 * in; --body-timeout when the header timeout is off); then it is Jetty's again.
 */
final class TlsHandshakeTiming extends SslConnectionFactory {
    private final long handshakeNanos;

    /** @param handshakeLimit how long a handshake may take before an idle timeout may close it */
    TlsHandshakeTiming(SslContextFactory.Server ssl, String nextProtocol, Duration handshakeLimit) {
        super(ssl, nextProtocol);
        this.handshakeNanos = handshakeLimit.toNanos();
    }

    @Override
    protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
        return new Tls(connector, endPoint, engine, this);
    }

    private static final class Tls extends SslConnection implements SslHandshakeListener {
        private final long openedAt = System.nanoTime();
        private final long handshakeNanos;
        private volatile boolean handshakeOver;

        Tls(Connector connector, EndPoint endPoint, SSLEngine engine, TlsHandshakeTiming factory) {
            super(connector.getByteBufferPool(), connector.getExecutor(), factory.getSslContextFactory(), endPoint, engine,
                    factory.isDirectBuffersForEncryption(), factory.isDirectBuffersForDecryption());
            this.handshakeNanos = factory.handshakeNanos;
            addHandshakeListener(this);
        }

        @Override
        public void handshakeSucceeded(Event event) {
            handshakeOver = true;
        }

        @Override
        public void handshakeFailed(Event event, Throwable failure) {
            handshakeOver = true;
        }

        @Override
        public boolean onIdleExpired(TimeoutException timeout) {
            if (!handshakeOver && (System.nanoTime() - openedAt < handshakeNanos || Http1Timing.requestWaiting(getEndPoint()))) return false;
            return super.onIdleExpired(timeout);
        }
    }
}
