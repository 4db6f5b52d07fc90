package dev.warcorn.common;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a worker meets its clients on the wire (docs/http-edge.md), carried inside {@link WorkerSpec} as
 * {@code --edge.key=value} arguments.
 *
 * @param forwardedAllowIps     peers whose X-Forwarded-* and Forwarded headers are honoured; {@code *} for any
 * @param limitRequestLine      longest request line in bytes (414 past it); 0 unlimited
 * @param limitRequestFields    most header fields (431 past it); 0 unlimited
 * @param limitRequestFieldSize longest header field, name and value, in bytes (431 past it); 0 unlimited
 * @param headerTimeout         a request's headers must be complete this long after the connection opened or
 *                              the previous response ended; zero never
 * @param httpCompliance        {@code strict} (RFC 9110/9112), {@code rfc9110}, {@code rfc7230} or {@code legacy}
 * @param http2                 HTTP/2 beside HTTP/1.1: h2 by ALPN on TLS listeners, h2c on plain ones
 * @param tls                   TLS on every TCP listener, when given
 * @param proxyProtocol         accept a PROXY protocol (v1, v2) header before the connection's first byte
 * @param proxyAllowFrom        peers whose PROXY header counts; {@code *} for any
 * @param limitRequestBody      largest request body in bytes (413 past it); 0 unlimited
 */
public record EdgeSpec(List<String> forwardedAllowIps, int limitRequestLine, int limitRequestFields, int limitRequestFieldSize,
                       Duration headerTimeout, String httpCompliance, boolean http2, Optional<Tls> tls,
                       boolean proxyProtocol, List<String> proxyAllowFrom, long limitRequestBody) {

    /**
     * @param certfile             a PEM certificate chain, or a PKCS#12 keystore
     * @param keyfile              the PEM private key of a PEM certfile
     * @param keystorePasswordFile holds the PKCS#12 keystore's password
     * @param caCerts              PEM certificates that client certificates must chain to
     * @param certReqs             {@code none}, {@code optional} or {@code required} client certificates
     * @param ciphers              the JSSE cipher suites to offer, in order; empty for the JDK's, less Jetty's exclusions
     * @param sslVersion           the oldest protocol offered: {@code TLSv1.2} (1.2 and 1.3) or {@code TLSv1.3}
     */
    public record Tls(Path certfile, Optional<Path> keyfile, Optional<Path> keystorePasswordFile, Optional<Path> caCerts, String certReqs,
                      List<String> ciphers, String sslVersion) {
        public Tls {
            ciphers = List.copyOf(ciphers);
        }

        /** No client certificates, default ciphers and protocols. */
        public Tls(Path certfile, Optional<Path> keyfile, Optional<Path> keystorePasswordFile, Optional<Path> caCerts, String certReqs) {
            this(certfile, keyfile, keystorePasswordFile, caCerts, certReqs, List.of(), "TLSv1.2");
        }
    }
    static final String PREFIX = "edge.";

    public EdgeSpec {
        forwardedAllowIps = List.copyOf(forwardedAllowIps);
        proxyAllowFrom = List.copyOf(proxyAllowFrom);
    }

    /** Gunicorn's defaults, for tests and tools that build a spec by hand. */
    public static EdgeSpec defaults() {
        return new EdgeSpec(List.of("127.0.0.1", "::1"), 4094, 100, 8190, Duration.ofSeconds(20), "strict", true, Optional.empty(), false,
                List.of("127.0.0.1", "::1"), 0);
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "forwarded-allow-ips", String.join(",", forwardedAllowIps));
        add(args, "limit-request-line", limitRequestLine);
        add(args, "limit-request-fields", limitRequestFields);
        add(args, "limit-request-field-size", limitRequestFieldSize);
        add(args, "header-timeout-ms", headerTimeout.toMillis());
        add(args, "http-compliance", httpCompliance);
        add(args, "http2", http2);
        add(args, "proxy-protocol", proxyProtocol);
        add(args, "proxy-allow-from", String.join(",", proxyAllowFrom));
        add(args, "limit-request-body", limitRequestBody);
        tls.ifPresent(t -> {
            add(args, "certfile", t.certfile());
            t.keyfile().ifPresent(k -> add(args, "keyfile", k));
            t.keystorePasswordFile().ifPresent(k -> add(args, "keystore-password-file", k));
            t.caCerts().ifPresent(k -> add(args, "ca-certs", k));
            add(args, "cert-reqs", t.certReqs());
            add(args, "ciphers", String.join(",", t.ciphers()));
            add(args, "ssl-version", t.sslVersion());
        });
        return args;
    }

    static EdgeSpec fromArgs(Map<String, List<String>> m) {
        String ips = need(m, "forwarded-allow-ips");
        return new EdgeSpec(ips.isEmpty() ? List.of() : Arrays.asList(ips.split(",")),
                Integer.parseInt(need(m, "limit-request-line")),
                Integer.parseInt(need(m, "limit-request-fields")),
                Integer.parseInt(need(m, "limit-request-field-size")),
                Duration.ofMillis(Long.parseLong(need(m, "header-timeout-ms"))),
                need(m, "http-compliance"),
                Boolean.parseBoolean(need(m, "http2")),
                Optional.ofNullable(m.get(PREFIX + "certfile")).map(v -> new Tls(Path.of(v.getLast()), path(m, "keyfile"),
                        path(m, "keystore-password-file"), path(m, "ca-certs"), need(m, "cert-reqs"),
                        need(m, "ciphers").isEmpty() ? List.of() : Arrays.asList(need(m, "ciphers").split(",")), need(m, "ssl-version"))),
                Boolean.parseBoolean(need(m, "proxy-protocol")),
                need(m, "proxy-allow-from").isEmpty() ? List.of() : Arrays.asList(need(m, "proxy-allow-from").split(",")),
                Long.parseLong(need(m, "limit-request-body")));
    }

    private static Optional<Path> path(Map<String, List<String>> m, String key) {
        return Optional.ofNullable(m.get(PREFIX + key)).map(v -> Path.of(v.getLast()));
    }

    private static void add(List<String> args, String key, Object value) {
        args.add("--" + PREFIX + key + "=" + value);
    }

    private static String need(Map<String, List<String>> m, String key) {
        List<String> v = m.get(PREFIX + key);
        if (v == null) throw new IllegalArgumentException("worker argument --" + PREFIX + key + " is missing");
        return v.getLast();
    }
}
