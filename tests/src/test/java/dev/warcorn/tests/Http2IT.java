package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/2 as the clients people use see it: curl's h2 by ALPN over TLS and h2c by prior knowledge on a
 * plain bind of the same warcorn, {@code --http 1}, h2load's loads, and the worker class's cap counting
 * the streams of one connection. curl and h2load (Debian's nghttp2-client) must be installed; .ci/run does.
 */
class Http2IT {
    static final Duration BOOT = Duration.ofSeconds(60);

    record Run(int exit, String out) {
    }

    /** Runs a client to its end; a missing tool fails the test with what to install. */
    static Run run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(command[0] + " is needed by this test and was not found (" + e.getMessage()
                    + "); install Debian's " + (command[0].equals("h2load") ? "nghttp2-client" : command[0]) + " (.ci/run does)");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 120 s:\n" + out);
        }
        return new Run(p.exitValue(), out);
    }

    /** The HTTP version curl used for one GET, as its %{http_version} says it. */
    static String curlVersion(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-k", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_version}"));
        command.addAll(List.of(args));
        Run r = run(command.toArray(String[]::new));
        assertEquals(0, r.exit(), String.join(" ", command) + ":\n" + r.out());
        return r.out().trim();
    }

    /** h2load's run: asserts every request succeeded with a 2xx and returns its requests per second. */
    static double h2load(int requests, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("h2load", "-n", Integer.toString(requests)));
        command.addAll(List.of(args));
        Run r = run(command.toArray(String[]::new));
        String what = String.join(" ", command) + ":\n" + r.out();
        assertEquals(0, r.exit(), what);
        assertTrue(r.out().contains("requests: " + requests + " total, " + requests + " started, " + requests + " done, " + requests
                + " succeeded, 0 failed, 0 errored, 0 timeout"), what);
        assertTrue(r.out().contains("status codes: " + requests + " 2xx"), what);
        Matcher m = Pattern.compile("finished in [0-9.]+m?s, ([0-9.]+) req/s").matcher(r.out());
        assertTrue(m.find(), what);
        System.out.println(String.join(" ", command) + ": " + m.group(1) + " req/s");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void curl_gets_h2_by_alpn_over_tls_and_h2c_by_prior_knowledge_on_the_plain_bind_and_h2load_loses_nothing(@TempDir Path dir) throws Exception {
        TlsIT.makeCertificate(dir);
        try (Warcorn w = Warcorn.start("--bind", "127.0.0.1:0", "--insecure-bind", "127.0.0.1:0", "--certfile", dir.resolve("cert.pem").toString(),
                "--keyfile", dir.resolve("key.pem").toString(), Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            String https = "https://127.0.0.1:" + TlsIT.ports(w, "https").getFirst() + "/hello";
            String http = "http://127.0.0.1:" + TlsIT.ports(w, "http").getFirst() + "/hello";
            assertEquals("2", curlVersion("--http2", https), "h2 by ALPN");
            assertEquals("2", curlVersion("--http2-prior-knowledge", http), "h2c by prior knowledge");
            assertEquals("2", curlVersion("--http2", http), "h2c by Upgrade");
            assertEquals("1.1", curlVersion("--http1.1", https));
            assertTrue(h2load(2000, "-c", "4", "-m", "10", https) > 0);
            assertTrue(h2load(2000, "-c", "4", "-m", "10", http) > 0);
        }
    }

    @Test
    void http_1_offers_no_h2_to_curl_on_either_bind(@TempDir Path dir) throws Exception {
        TlsIT.makeCertificate(dir);
        try (Warcorn w = Warcorn.start("--bind", "127.0.0.1:0", "--insecure-bind", "127.0.0.1:0", "--http", "1", "--certfile",
                dir.resolve("cert.pem").toString(), "--keyfile", dir.resolve("key.pem").toString(), Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            assertEquals("1.1", curlVersion("--http2", "https://127.0.0.1:" + TlsIT.ports(w, "https").getFirst() + "/hello"));
            assertEquals("1.1", curlVersion("--http2", "http://127.0.0.1:" + TlsIT.ports(w, "http").getFirst() + "/hello"));
        }
    }

    @Test
    void worker_connections_bounds_the_concurrent_streams_of_one_http2_connection() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", "virtual", "--worker-connections", "5", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            // one connection, 40 streams at once, each blocking 300 ms: a cap on connections would let all 40 run
            h2load(40, "-c", "1", "-m", "40", "http://127.0.0.1:" + port + "/sleep?ms=300");
            Http.Response stats = Http.get(port, "/sleep/stats");
            Matcher m = Pattern.compile("inflight=0 max=(\\d+)").matcher(stats.body());
            assertTrue(m.find(), stats.body());
            assertEquals(5, Integer.parseInt(m.group(1)), "most streams running at once: " + stats.body());
        }
    }
}
