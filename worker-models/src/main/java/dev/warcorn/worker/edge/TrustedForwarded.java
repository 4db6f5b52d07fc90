package dev.warcorn.worker.edge;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Gunicorn's --forwarded-allow-ips: Jetty's {@link ForwardedRequestCustomizer} (X-Forwarded-For, -Proto,
 * -Host, -Port, -Server, X-Proxied-Https and RFC 7239 {@code Forwarded}), applied only when the peer of the
 * connection is a trusted proxy. From anyone else the headers change nothing: the application sees the
 * peer's address and the connection's own scheme, though it can still read the headers themselves.
 */
final class TrustedForwarded implements HttpConfiguration.Customizer {
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();
    private final boolean anyone;
    private final InetAddressSet trusted = new InetAddressSet();

    TrustedForwarded(List<String> allowIps) {
        this.anyone = allowIps.contains("*");
        for (String ip : allowIps) if (!ip.equals("*")) trusted.add(ip);
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        return trusts(request.getConnectionMetaData().getRemoteSocketAddress()) ? forwarded.customize(request, responseHeaders) : request;
    }

    boolean trusts(SocketAddress peer) {
        if (anyone) return true;
        // a Unix socket's peer is on this machine, a proxy beside the workers (Gunicorn trusts it too)
        if (!(peer instanceof InetSocketAddress inet)) return true;
        return inet.getAddress() != null && trusted.test(inet.getAddress());
    }
}
