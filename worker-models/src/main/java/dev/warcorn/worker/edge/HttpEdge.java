package dev.warcorn.worker.edge;

import dev.warcorn.common.EdgeSpec;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;

/**
 * How the worker meets clients on the wire, in one place so that {@code JettyWorker} only asks for it:
 * the HTTP configuration (forwarded headers from trusted peers, Gunicorn's request limits, the parser's
 * compliance mode, no Server header), the connection factories of each listener, the error pages and the
 * header deadline (docs/http-edge.md). Built like Jetty's demos, one block per Jetty module.
 */
public final class HttpEdge {
    /** A head may never be larger than this, whatever the limits say (the launcher's limits stay below it). */
    static final int MAX_HEAD = 16 << 20;

    private final HttpConfiguration http;
    private final HeaderDeadline deadline;

    /** Sets the server's error pages; {@link #connectionFactories} then gives each listener what it speaks. */
    public HttpEdge(EdgeSpec spec, Server server) {
        server.setErrorHandler(new CoreErrorHandler());
        // === jetty-http.xml ===
        http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setHttpCompliance(compliance(spec.httpCompliance()));
        http.setRequestHeaderSize(headSize(spec));
        // first, so that a head refused by a customizer below lifts the deadline too
        deadline = spec.headerTimeout().isZero() ? null : new HeaderDeadline(spec.headerTimeout(), server.getScheduler());
        if (deadline != null) http.addCustomizer(deadline);
        // === jetty-http-forwarded.xml, only for --forwarded-allow-ips peers ===
        http.addCustomizer(new TrustedForwarded(spec.forwardedAllowIps()));
        http.addCustomizer(new RequestLimits(spec.limitRequestLine(), spec.limitRequestFields(), spec.limitRequestFieldSize()));
    }

    /** What a listener speaks, outermost first. */
    public ConnectionFactory[] connectionFactories() {
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        if (deadline != null) http1.addEventListener(deadline);
        return new ConnectionFactory[]{http1};
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
