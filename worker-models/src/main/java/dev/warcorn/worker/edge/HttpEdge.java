package dev.warcorn.worker.edge;

import dev.warcorn.common.EdgeSpec;
import dev.warcorn.tls.TlsFiles;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.KeyStore;
import java.time.Duration;

/**
 * How the worker meets clients on the wire, in one place so that {@code JettyWorker} only asks for it:
 * the HTTP configuration (forwarded headers from trusted peers, Gunicorn's request limits, the parser's
 * compliance mode, no Server header), the connection factories of each listener, the error pages and the
 * header deadline (docs/http-edge.md). Built like Jetty's demos, one block per Jetty module.
 */
public final class HttpEdge {
    /** A head may never be larger than this, whatever the limits say (the launcher's limits stay below it). */
    static final int MAX_HEAD = 16 << 20;

    private static final Logger log = LoggerFactory.getLogger(HttpEdge.class);
    /** The in-memory keystore's password for PEM files; it never leaves this JVM. */
    private static final char[] PEM_PASSWORD = "warcorn".toCharArray();

    private final HttpConfiguration http;
    private final HeaderDeadline deadline;
    private final boolean http2;
    private final SslContextFactory.Server ssl;
    private final EdgeSpec spec;

    /** Sets the server's error pages; {@link #connectionFactories} then gives each listener what it speaks. */
    public HttpEdge(EdgeSpec spec, Duration requestIdleTimeout, Server server) {
        server.setErrorHandler(new CoreErrorHandler());
        // === jetty-http.xml ===
        http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(requestIdleTimeout.toMillis()); // while a request is handled; see JettyWorker
        http.setHttpCompliance(compliance(spec.httpCompliance()));
        http.setRequestHeaderSize(headSize(spec));
        // Jetty keeps a cache of repeated header fields per HTTP/1.1 connection, a trie of 48 chars per
        // slot: its default 1,024 slots hold 98 KB for every keep-alive connection, two thirds of what a
        // request in flight held at 5,000 clients (147 KB with it, 47 KB without; docs/benchmarks.md), for
        // saving a few small objects per request that hello's throughput does not show.
        http.setHeaderCacheSize(0);
        this.spec = spec;
        http2 = spec.http2();
        ssl = spec.tls().map(HttpEdge::sslContextFactory).orElse(null);
        // === jetty-https.xml: isSecure() and https on TLS connections; no SNI host check (Gunicorn has none) ===
        if (ssl != null) http.addCustomizer(new SecureRequestCustomizer(false));
        // first, so that a head refused by a customizer below lifts the deadline too
        deadline = spec.headerTimeout().isZero() ? null : new HeaderDeadline(spec.headerTimeout(), server.getScheduler());
        if (deadline != null) http.addCustomizer(deadline);
        // === jetty-http-forwarded.xml, only for --forwarded-allow-ips peers ===
        http.addCustomizer(new TrustedForwarded(spec.forwardedAllowIps()));
        http.addCustomizer(new RequestLimits(spec.limitRequestLine(), spec.limitRequestFields(), spec.limitRequestFieldSize()));
    }

    /**
     * What a listener speaks, outermost first: with --certfile a TCP listener speaks TLS and, by ALPN, h2 or
     * HTTP/1.1; a plain one HTTP/1.1 and h2c (prior knowledge or Upgrade). A Unix socket is never TLS.
     */
    public ConnectionFactory[] connectionFactories(boolean tcp) {
        ConnectionFactory[] factories = protocols(tcp);
        if (!spec.proxyProtocol() || !tcp) return factories;
        // === jetty-proxy-protocol.xml, for --proxy-allow-from peers only ===
        ConnectionFactory[] all = new ConnectionFactory[factories.length + 1];
        all[0] = new TrustedProxyProtocol(factories[0].getProtocol(), new TrustedForwarded(spec.proxyAllowFrom()));
        System.arraycopy(factories, 0, all, 1, factories.length);
        return all;
    }

    private ConnectionFactory[] protocols(boolean tcp) {
        HttpConnectionFactory http1 = new Http1Timing(http, deadline);
        if (ssl == null || !tcp) {
            if (!http2) return new ConnectionFactory[]{http1};
            // === jetty-http2c.xml ===
            return new ConnectionFactory[]{http1, new HTTP2CServerConnectionFactory(http)};
        }
        // === jetty-ssl.xml, jetty-alpn.xml, jetty-http2.xml ===
        if (!http2) return new ConnectionFactory[]{new SslConnectionFactory(ssl, http1.getProtocol()), http1};
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ConnectionFactory[]{new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, http1};
    }

    /**
     * === jetty-ssl-context.xml === The files read now, at boot: a worker started after HUP serves the renewed
     * certificate. TLS 1.2 and 1.3 only; Jetty's default cipher exclusions (no NULL, export, RC4, DES, MD5,
     * SHA-1 suites), HTTP/2's cipher order when h2 is on.
     */
    private static SslContextFactory.Server sslContextFactory(EdgeSpec.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        boolean pkcs12 = TlsFiles.isPkcs12(tls.certfile());
        char[] password = pkcs12 ? TlsFiles.password(tls.keystorePasswordFile()) : PEM_PASSWORD;
        KeyStore keys = TlsFiles.keyStore(tls.certfile(), tls.keyfile(), password);
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword(new String(password));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        tls.caCerts().ifPresent(ca -> ssl.setTrustStore(TlsFiles.trustStore(ca)));
        switch (tls.certReqs()) {
            case "optional" -> ssl.setWantClientAuth(true);
            case "required" -> ssl.setNeedClientAuth(true);
            default -> { }
        }
        log.info("TLS certificate {}: {}", tls.certfile(), TlsFiles.describe(keys));
        return ssl;
    }

    static HttpCompliance compliance(String mode) {
        return switch (mode) {
            case "strict" -> HttpCompliance.STRICT;
            case "rfc9110" -> HttpCompliance.RFC9110;
            case "rfc7230" -> HttpCompliance.RFC7230;
            case "legacy" -> HttpCompliance.LEGACY;
            default -> throw new IllegalArgumentException("--http-compliance=" + mode + ": unknown; expected strict, rfc9110, rfc7230 or legacy");
        };
    }

    /**
     * Jetty's one bound on a request head: room for the longest request line and the most fields of the
     * longest size the limits allow, so that the separate limits, checked by {@link RequestLimits}, decide.
     * An unlimited one counts as 64 KiB per line (Gunicorn's own hard maximum is 8190), at most {@link #MAX_HEAD} in all.
     */
    static int headSize(EdgeSpec spec) {
        long line = spec.limitRequestLine() == 0 ? 65536 : spec.limitRequestLine() + 2L;
        long field = spec.limitRequestFieldSize() == 0 ? 65536 : spec.limitRequestFieldSize() + 2L;
        long fields = spec.limitRequestFields() == 0 ? 32768 : spec.limitRequestFields();
        return (int) Math.min(MAX_HEAD, line + fields * field + 2);
    }
}
