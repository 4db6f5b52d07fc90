package dev.warcorn.worker.edge;

import dev.warcorn.common.EdgeSpec;
import dev.warcorn.tls.TlsFiles;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
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

    /**
     * Streams one HTTP/2 connection may have open at once (Jetty's default too, and what nginx and Go's server
     * allow); the worker class's cap still decides how many of them run, the others wait as requests do.
     */
    static final int MAX_CONCURRENT_STREAMS = 128;
    /**
     * Reads of request content the application left unread that Jetty makes, of what has already arrived and
     * without waiting, before it gives up and closes the connection instead of keeping it alive (Jetty's default):
     * a client cannot make a worker read a body of gigabytes that nobody asked for.
     */
    static final int MAX_UNCONSUMED_READS = 16;

    private static final Logger log = LoggerFactory.getLogger(HttpEdge.class);
    /** The in-memory keystore's password for PEM files; it never leaves this JVM. */
    private static final char[] PEM_PASSWORD = "warcorn".toCharArray();

    private final HttpConfiguration http;
    private final HeaderDeadline deadline;
    private final boolean http2;
    private final SslContextFactory.Server ssl;
    private final EdgeSpec spec;
    /** How long a TLS handshake may take before an idle timeout may close it (TlsHandshakeTiming). */
    private final Duration handshakeLimit;

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
        // request in flight held at 5,000 clients (147 KB with it, 47 KB without; docs/design.md, "The heap"), for
        // saving a few small objects per request that hello's throughput does not show.
        http.setHeaderCacheSize(0);
        http.setMaxUnconsumedRequestContentReads(MAX_UNCONSUMED_READS);
        this.spec = spec;
        handshakeLimit = spec.headerTimeout().isZero() ? requestIdleTimeout : spec.headerTimeout();
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
     * What a listener speaks, outermost first: a TLS one (a TCP --bind with --certfile, as the master says)
     * TLS and, by ALPN, h2 or HTTP/1.1; a plain one HTTP/1.1 and h2c (prior knowledge or Upgrade). A Unix
     * socket is never TLS and never takes a PROXY header.
     */
    public ConnectionFactory[] connectionFactories(boolean tls) {
        return connectionFactories(tls, true);
    }

    /** @param tcp false for the Unix socket, which never takes a PROXY header */
    public ConnectionFactory[] connectionFactories(boolean tls, boolean tcp) {
        ConnectionFactory[] factories = protocols(tls && tcp);
        if (!spec.proxyProtocol() || !tcp) return factories;
        // === jetty-proxy-protocol.xml, for --proxy-allow-from peers only ===
        ConnectionFactory[] all = new ConnectionFactory[factories.length + 1];
        all[0] = new TrustedProxyProtocol(factories[0].getProtocol(), new TrustedForwarded(spec.proxyAllowFrom()));
        System.arraycopy(factories, 0, all, 1, factories.length);
        return all;
    }

    private ConnectionFactory[] protocols(boolean tls) {
        HttpConnectionFactory http1 = new Http1Timing(http, deadline);
        if (ssl == null || !tls) {
            if (!http2) return new ConnectionFactory[]{http1};
            // === jetty-http2c.xml ===
            HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
            h2c.setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS);
            return new ConnectionFactory[]{http1, h2c};
        }
        // === jetty-ssl.xml, jetty-alpn.xml, jetty-http2.xml ===
        if (!http2) return new ConnectionFactory[]{new TlsHandshakeTiming(ssl, http1.getProtocol(), handshakeLimit), http1};
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        h2.setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ConnectionFactory[]{new TlsHandshakeTiming(ssl, alpn.getProtocol(), handshakeLimit), alpn, h2, http1};
    }

    /**
     * === jetty-ssl-context.xml === The files read now, at boot: a worker started after HUP serves the renewed
     * certificate. TLS 1.2 and 1.3 only (--ssl-version TLSv1.3: 1.3 only); Jetty's default cipher exclusions
     * (no NULL, export, RC4, DES, MD5, SHA-1 suites) in HTTP/2's cipher order, or exactly the --ciphers given.
     */
    private static SslContextFactory.Server sslContextFactory(EdgeSpec.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        boolean pkcs12 = TlsFiles.isPkcs12(tls.certfile());
        char[] password = pkcs12 ? TlsFiles.password(tls.keystorePasswordFile()) : PEM_PASSWORD;
        KeyStore keys = TlsFiles.keyStore(tls.certfile(), tls.keyfile(), password);
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword(new String(password));
        if (tls.sslVersion().equals("TLSv1.3")) ssl.setIncludeProtocols("TLSv1.3");
        else ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        if (tls.ciphers().isEmpty()) {
            ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        } else { // the operator's list is the policy, in the operator's order: Jetty's exclusions would silently drop from it
            ssl.setExcludeCipherSuites();
            ssl.setIncludeCipherSuites(tls.ciphers().toArray(String[]::new));
        }
        tls.caCerts().ifPresent(ca -> ssl.setTrustStore(TlsFiles.trustStore(ca)));
        switch (tls.certReqs()) {
            case "optional" -> ssl.setWantClientAuth(true);
            case "required" -> ssl.setNeedClientAuth(true);
            default -> { }
        }
        log.info("TLS certificate {}: {}", tls.certfile(), TlsFiles.describe(keys));
        return ssl;
    }

    /**
     * --limit-request-body: Jetty's {@code SizeLimitHandler} answers 413 to a Content-Length over the limit before the
     * application runs, and fails a read past it (a chunked body) with 413; 0 leaves {@code handler} as it is.
     */
    public Handler limitBody(Handler handler) {
        if (spec.limitRequestBody() == 0) return handler;
        // === jetty-size-limit (SizeLimitHandler), request side only ===
        SizeLimitHandler limit = new SizeLimitHandler(spec.limitRequestBody(), -1);
        limit.setHandler(handler);
        return limit;
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
