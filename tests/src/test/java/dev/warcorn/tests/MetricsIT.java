package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --metrics-bind with real parts: the test's own client counts its requests, the master's /metrics must
 * count exactly as many through a reload and a kill -9, a real Prometheus server scraping warcorn must
 * agree, and /readyz follows the pool's readiness.
 */
class MetricsIT {
    static final Duration BOOT = Duration.ofSeconds(90);
    private static final Pattern METRICS_AT = Pattern.compile("Metrics at: http://127\\.0\\.0\\.1:(\\d+)/metrics");

    static int metricsPort(Warcorn w) {
        return Integer.parseInt(w.await(METRICS_AT.pattern(), Duration.ofSeconds(30)).group(1));
    }

    static String scrape(int metricsPort) throws Exception {
        Http.Response r = Http.get(metricsPort, "/metrics");
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    /** The pool's request counter: warcorn_requests_total summed over every slot, method and status class. */
    static long poolRequests(int metricsPort) throws Exception {
        return counter(scrape(metricsPort), "warcorn_requests_total");
    }

    /** A counter of the scrape summed over all its label sets. */
    private static long counter(String scrape, String name) {
        long sum = 0;
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} ([0-9.eE+]+)$").matcher(scrape);
        while (m.find()) sum += (long) Double.parseDouble(m.group(1));
        return sum;
    }

    static long restarts(String scrape, String reason) {
        Matcher m = Pattern.compile("(?m)^warcorn_worker_restarts_total\\{reason=\"" + reason + "\"} ([0-9.]+)$").matcher(scrape);
        assertTrue(m.find(), "no restarts for " + reason + " in:\n" + scrape);
        return (long) Double.parseDouble(m.group(1));
    }

    private static void awaitPoolRequests(int metricsPort, long expected) {
        AtomicReference<Long> last = new AtomicReference<>(-1L);
        Warcorn.poll(Duration.ofSeconds(20), "warcorn_requests_total to reach " + expected + " (last " + last + ")", () -> {
            try {
                last.set(poolRequests(metricsPort));
            } catch (Exception e) {
                return false;
            }
            if (last.get() > expected) throw new AssertionError("the pool counted " + last.get() + " requests, the client sent " + expected);
            return last.get() == expected;
        });
    }

    @Test
    void the_pool_counts_exactly_what_the_client_sent_across_a_hup_and_a_kill_9_and_prometheus_agrees(@TempDir Path dir) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--metrics-bind", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            int port = w.port();
            int metrics = metricsPort(w);
            w.awaitReady(2, BOOT);
            long sent = 0;

            // Under load, HUP replaces both workers one at a time; the old ones report their last requests as they stop.
            try (Load load = new Load(port, "/hello", 4, 1_000_000)) {
                load.awaitMore(300, Duration.ofSeconds(60));
                w.signal("HUP");
                w.awaitReady(4, BOOT);
                Warcorn.poll(Duration.ofSeconds(60), "the old workers gone", () -> w.workers().size() == 2);
                load.awaitMore(300, Duration.ofSeconds(60));
                load.close();
                sent += load.ok() + load.failed();
                assertEquals(0, load.failed(), load.failures());
            }
            awaitPoolRequests(metrics, sent);

            // kill -9: the dead worker's counts stay in its slot, nothing goes backwards.
            long victim = w.workers().getFirst().pid();
            new ProcessBuilder("kill", "-9", Long.toString(victim)).inheritIO().start().waitFor();
            w.awaitReady(5, BOOT);
            assertEquals(sent, poolRequests(metrics), "a killed worker's requests are still counted");

            try (Load load = new Load(port, "/hello", 4, 1_000_000)) {
                load.awaitMore(300, Duration.ofSeconds(60));
                load.close();
                sent += load.ok() + load.failed();
            }
            awaitPoolRequests(metrics, sent);
            String scrape = scrape(metrics);
            assertEquals(1, restarts(scrape, "crash"), scrape);
            assertEquals(2, restarts(scrape, "reload"), scrape);
            System.out.println("scrape after " + sent + " requests:\n" + scrape.lines().filter(l -> l.startsWith("warcorn_")).limit(60)
                    .reduce("", (a, b) -> a + b + "\n"));

            // A real Prometheus server scrapes warcorn every second; its PromQL answer is the same total.
            try (Prometheus prometheus = Prometheus.start(dir, metrics)) {
                String query = "sum(warcorn_requests_total{job=\"warcorn\"})";
                long total = sent;
                AtomicReference<String> answer = new AtomicReference<>("");
                Warcorn.poll(Duration.ofSeconds(60), "Prometheus to answer " + total + " to " + query + " (last: " + answer + ")", () -> {
                    answer.set(prometheus.query(query));
                    return answer.get().matches(".*\"value\":\\[[0-9.]+,\"" + total + "\"].*");
                });
                System.out.println("PromQL " + query + " -> " + answer.get());
            }
        }
    }

    @Test
    void the_byte_counters_count_exactly_the_bodies_read_and_written() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", "--metrics-bind", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            int metrics = metricsPort(w);
            w.awaitReady(1, BOOT);
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            byte[] body = new byte[100_000];
            for (int i = 0; i < 3; i++) {
                var post = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + w.port() + "/echo"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
                var r = client.send(post, java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals("read 100000 bytes", r.body());
            }
            for (int i = 0; i < 2; i++) assertEquals("Hello, World!", Http.get(w.port(), "/hello").body());
            long in = 3 * 100_000L;
            long out = 3 * "read 100000 bytes".length() + 2 * "Hello, World!".length();
            AtomicReference<String> last = new AtomicReference<>("");
            Warcorn.poll(Duration.ofSeconds(20), "request bytes " + in + " and response bytes " + out + " (last scrape: " + last + ")", () -> {
                try {
                    last.set(scrape(metrics));
                } catch (Exception e) {
                    return false;
                }
                return counter(last.get(), "warcorn_request_bytes_total") == in && counter(last.get(), "warcorn_response_bytes_total") == out;
            });
        }
    }

    @Test
    void readyz_answers_503_before_any_worker_is_ready_and_during_a_full_stop(@TempDir Path dir) throws Exception {
        // The worker JVM reads its options from a named pipe (a java @argfile) and so cannot start until the
        // test writes to it: "before any worker is ready" is a state the test holds, not a race it hopes to win.
        Path gate = dir.resolve("gate");
        assertEquals(0, new ProcessBuilder("mkfifo", gate.toString()).inheritIO().start().waitFor());
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--metrics-bind", "127.0.0.1:0", "--jvm-opt=@" + gate,
                "--graceful-timeout", "20", Warcorn.HELLO.toString())) {
            int port = w.port();
            int metrics = metricsPort(w);
            w.await("worker=0 pid=\\d+ booting", Duration.ofSeconds(30));
            assertEquals(503, Http.get(metrics, "/readyz").status(), "no worker is ready yet");
            assertEquals(200, Http.get(metrics, "/healthz").status(), "the master's loop runs");
            assertTrue(scrape(metrics).contains("warcorn_workers{state=\"booting\"} 1.0"));

            try (OutputStream open = Files.newOutputStream(gate)) {
                open.write("-Dwarcorn.test.gate=open\n".getBytes(StandardCharsets.UTF_8));
            }
            w.awaitReady(1, BOOT);
            Warcorn.poll(Duration.ofSeconds(10), "/readyz 200", () -> status(metrics, "/readyz") == 200);

            // A slow request keeps the worker draining after TERM: the master is still up, and not ready.
            AtomicReference<Http.Response> slow = new AtomicReference<>();
            Thread client = Thread.ofPlatform().start(() -> {
                try {
                    slow.set(Http.get(port, "/sleep?ms=4000"));
                } catch (Exception e) {
                    slow.set(new Http.Response(-1, e.toString()));
                }
            });
            Warcorn.poll(Duration.ofSeconds(10), "the slow request in flight", () -> {
                try {
                    return scrape(metrics).contains("warcorn_requests_in_flight{slot=\"0\"} 1.0");
                } catch (Exception e) {
                    return false;
                }
            });
            w.signal("TERM");
            Warcorn.poll(Duration.ofSeconds(10), "/readyz 503 during the stop", () -> status(metrics, "/readyz") == 503);
            assertTrue(w.workers().size() == 1, "the worker still drains while /readyz says 503");
            client.join();
            assertTrue(slow.get().is(200, "slept 4000 ms"), String.valueOf(slow.get()));
            assertTrue(w.waitForExit(Duration.ofSeconds(30)));
            assertEquals(0, w.exitCode());
        }
    }

    private static int status(int port, String path) {
        try {
            return Http.get(port, path, Duration.ofSeconds(5)).status();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Debian's prometheus, on a free loopback port with its own data directory, scraping warcorn every second. */
    static final class Prometheus implements AutoCloseable {
        private final Process process;
        private final int port;

        private Prometheus(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Prometheus start(Path dir, int target) throws Exception {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: warcorn
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(target));
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Process p = new ProcessBuilder(List.of("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            return new Prometheus(p, port);
        }

        /** The raw JSON answer of /api/v1/query, or "" while Prometheus is not up yet. */
        String query(String promql) {
            try {
                Http.Response r = Http.get(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), Duration.ofSeconds(5));
                return r.body();
            } catch (Exception e) {
                return "";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
