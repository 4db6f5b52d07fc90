package dev.warcorn.worker.edge;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ProxyConnectionFactory;

/**
 * Gunicorn's --proxy-protocol with --proxy-allow-from: Jetty's {@link ProxyConnectionFactory} (PROXY v1 and
 * v2, detected; a connection without the header goes straight on) for trusted peers; any other peer's
 * connection skips it, so a PROXY line from it is just a malformed request (400).
 */
final class TrustedProxyProtocol extends ProxyConnectionFactory {
    private final String next;
    private final TrustedForwarded trusted;

    TrustedProxyProtocol(String next, TrustedForwarded trusted) {
        super(next);
        this.next = next;
        this.trusted = trusted;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        if (trusted.trusts(endPoint.getRemoteSocketAddress())) return super.newConnection(connector, endPoint);
        return connector.getConnectionFactory(next).newConnection(connector, endPoint);
    }
}
