package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Worker classes, black-box: what runs at once, what waits, and how a custom class is loaded. */
class WorkerClassesIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final Path CUSTOM_JAR = Warcorn.EXAMPLES.resolve("custom-worker/target/custom-worker.jar");
    private static final Pattern MAX = Pattern.compile("inflight=(\\d+) max=(\\d+)");
    private static final Pattern IN_FLIGHT = Pattern.compile("\"in_flight\":(\\d+)");

    /**
     * Started under a hard open-file limit of 4096 (prlimit, as a login shell's default may be), 5,000
     * worker connections need 10,256 files: a master with CAP_SYS_RESOURCE (root, outside a restricted
     * container) raises the limit its workers inherit; any other master cannot and says so, naming the
     * reason (this sandbox's root lacks the capability, so it takes that branch).
     */
    @Test
    void an_open_file_limit_too_low_for_the_worker_connections_is_raised_for_the_workers_or_named() throws Exception {
        Matcher caps = Pattern.compile("\nCapEff:\t(\\p{XDigit}+)").matcher(Files.readString(Path.of("/proc/self/status")));
        assertTrue(caps.find());
        boolean mayRaise = (Long.parseLong(caps.group(1), 16) >> 24 & 1) == 1; // CAP_SYS_RESOURCE is capability 24
        try (Warcorn w = Warcorn.startThrough(List.of("prlimit", "--nofile=1024:4096", "--"),
                "-b", "127.0.0.1:0", "--worker-connections", "5000", Warcorn.HELLO.toString())) {
            long worker = w.awaitReady(1, BOOT).getFirst();
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            Matcher limit = Pattern.compile("Max open files\\s+(\\d+)\\s+(\\d+)").matcher(Files.readString(Path.of("/proc/" + worker + "/limits")));
            assertTrue(limit.find());
            if (mayRaise) {
                assertTrue(w.output().contains("Raised the open-file limit from 4096 to 10256: worker-connections=5000 needs up to 10256"), w.output());
                assertEquals("10256 10256", limit.group(1) + " " + limit.group(2));
            } else {
                assertTrue(w.output().contains("the hard limit is 4096 and raising it failed (setrlimit: "), w.output());
                assertEquals("4096", limit.group(2));
            }
        }
    }

    /**
     * A worker out of file descriptors (a hard limit of 300 files, 400 clients connected and silent) stops
     * accepting for a moment at a time instead of failing accept() in a loop, says so in one line with the
     * limit, never closes a connection it had accepted, and accepts again once files are free. Without it,
     * Jetty's selector retried at once and logged "Accept failed for channel" with a stack trace each time.
     */
    @Test
    void a_worker_out_of_file_descriptors_pauses_accepting_says_so_and_accepts_again_when_files_free_up() throws Exception {
        try (Warcorn w = Warcorn.startThrough(List.of("prlimit", "--nofile=300:300", "--"),
                "-b", "127.0.0.1:0", "--worker-connections", "10", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            long started = System.nanoTime();
            List<java.net.Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 400; i++) {
                    java.net.Socket s = new java.net.Socket();
                    s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000); // the kernel's queue completes it
                    held.add(s);
                }
                w.await("accept\\(\\) failed: Too many open files \\(\\d+ time\\(s\\) since the last report; open-file limit 300\\): "
                        + "this worker stops taking new connections for 500 ms", BOOT);
            } finally {
                for (java.net.Socket s : held) s.close();
            }
            Warcorn.poll(BOOT, "a request answered once the worker has files again", () -> {
                try {
                    return Http.get(port, "/hello", Duration.ofSeconds(5)).is(200, "Hello, World!");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertTrue(!w.output().contains("Accept failed"), "no failure per accept():\n" + w.tail(30));
            long reports = w.output().lines().filter(l -> l.contains("accept() failed: Too many open files")).count();
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue(reports <= 1 + seconds / 10, "at most one line per 10 s, not one per failure: " + reports + " in " + seconds + " s");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "virtual", "async"})
    void every_built_in_worker_class_serves_the_hello_war(String workerClass) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", workerClass, Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"));
            assertTrue(w.output().contains("Using worker class: " + workerClass), w.output());
        }
    }

    @Test
    void sync_with_4_threads_runs_at_most_4_requests_at_once() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", "sync", "--threads", "4", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            List<Http.Response> responses = concurrently(port, 12, "/sleep?ms=500");
            assertTrue(responses.stream().allMatch(r -> r.status() == 200), responses.toString());
            assertEquals(4, maxInFlight(port), "most /sleep requests seen in flight at once");
        }
    }

    /** async runs Jetty on virtual threads as virtual does, so a servlet that blocks parks its thread there too. */
    @ParameterizedTest
    @ValueSource(strings = {"virtual", "async"})
    void virtual_and_async_run_200_blocking_requests_at_once_on_one_worker_each_on_a_virtual_thread(String workerClass) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", workerClass, Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            List<Http.Response> responses = concurrently(port, 200, "/sleep?ms=1000");
            assertTrue(responses.stream().allMatch(r -> r.is(200, "slept 1000 ms")), "all 200 complete");
            String stats = Http.get(port, "/sleep/stats").body();
            assertEquals(200, maxInFlight(stats), "all 200 in flight together: " + stats);
            // none on a platform thread (the virtual class once ran Jetty's selector on a small platform pool)
            assertTrue(stats.endsWith(" platform=0"), "no request ran on a platform thread: " + stats);
        }
    }

    @Test
    void virtual_runs_the_next_request_of_a_connection_the_cap_held_on_a_virtual_thread() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", "virtual", "--worker-connections", "1", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Http.Response> holder = clients.submit(() -> Http.get(port, "/sleep?ms=3000", Duration.ofSeconds(60)));
                Warcorn.poll(Duration.ofSeconds(30), "the one request slot held", () -> inFlight(w) == 1);
                // Two requests in one write: the first waits for the slot; once it is answered, Jetty resumes the
                // connection for the second, already read, by a task on its pool (once a platform pool).
                RawHttp.Reply pair = RawHttp.send(port, ("GET /sleep?ms=1 HTTP/1.1\r\nHost: t\r\n\r\n"
                        + "GET /sleep?ms=1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                        Duration.ofSeconds(30));
                assertEquals(200, holder.get().status());
                assertEquals(2, pair.text().split("slept 1 ms", -1).length - 1, "both answered: " + pair.text());
            }
            String stats = Http.get(port, "/sleep/stats").body();
            assertTrue(stats.endsWith(" platform=0"), "no request ran on a platform thread: " + stats);
        }
    }

    @Test
    void virtual_runs_the_next_request_of_a_tls_connection_the_cap_held_on_a_virtual_thread(@TempDir Path dir) throws Exception {
        TlsIT.makeCertificate(dir);
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", "virtual", "--worker-connections", "1",
                "--certfile", dir.resolve("cert.pem").toString(), "--keyfile", dir.resolve("key.pem").toString(), Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            HttpClient https = TlsIT.client(dir.resolve("cert.pem"), HttpClient.Version.HTTP_1_1);
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<HttpResponse<String>> holder = clients.submit(() -> TlsIT.get(https, "https://127.0.0.1:" + port + "/sleep?ms=3000"));
                Warcorn.poll(Duration.ofSeconds(30), "the one request slot held", () -> inFlight(w) == 1);
                String pair;
                try (SSLSocket s = (SSLSocket) TlsIT.trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
                    s.getOutputStream().write(("GET /sleep?ms=1 HTTP/1.1\r\nHost: t\r\n\r\n"
                            + "GET /sleep?ms=1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    pair = RawHttp.read(s, Duration.ofSeconds(30)).text();
                }
                assertEquals(200, holder.get().statusCode());
                assertEquals(2, pair.split("slept 1 ms", -1).length - 1, "both answered: " + pair);
            }
            String stats = TlsIT.get(https, "https://127.0.0.1:" + port + "/sleep/stats").body();
            assertTrue(stats.endsWith(" platform=0"), "no request ran on a platform thread: " + stats);
        }
    }

    /** Requests in flight on the only worker, as {@code warcorn ctl top} reports them. */
    private static int inFlight(Warcorn w) {
        try {
            Matcher m = IN_FLIGHT.matcher(Warcorn.ctl("-b", "127.0.0.1:" + w.port(), "top", "--json").body());
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void virtual_worker_connections_caps_requests_in_flight_and_refuses_none() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", "virtual", "--worker-connections", "50", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            List<Http.Response> responses = concurrently(port, 120, "/sleep?ms=300");
            assertEquals(120, responses.stream().filter(r -> r.status() == 200).count(), "nothing refused: " + responses);
            int max = maxInFlight(port);
            assertTrue(max <= 50 && max >= 40, "in flight at most 50 (and the cap was reached): " + max);
        }
    }

    @Test
    void a_custom_worker_class_is_loaded_from_the_worker_classpath() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", "dev.warcorn.examples.custom.TaggedWorker",
                "--worker-classpath", CUSTOM_JAR.toString(), Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            Http.Response r = Http.get(port, "/hello");
            assertTrue(r.is(200, "Hello, World!"));
            assertTrue(r.head().contains("X-Worker-Class: tagged"), r.head());
        }
    }

    @Test
    void an_unknown_worker_class_is_refused_before_any_worker_starts() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "-k", "vthreads", Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode());
        assertEquals("warcorn: --worker-class=vthreads: unknown; expected sync, virtual, async or a fully-qualified class name",
                w.output().strip());
        Warcorn missing = Warcorn.run(Duration.ofSeconds(30), "-k", "com.example.NoSuchWorker", Warcorn.HELLO.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.output().contains("--worker-class=com.example.NoSuchWorker: unknown;"), missing.output());
        assertTrue(!missing.output().contains("booting"), missing.output());
    }

    private static int maxInFlight(int port) throws Exception {
        return maxInFlight(Http.get(port, "/sleep/stats").body());
    }

    private static int maxInFlight(String stats) {
        Matcher m = MAX.matcher(stats);
        assertTrue(m.find(), stats);
        return Integer.parseInt(m.group(2));
    }

    /** {@code n} requests at once, each on its own connection; returns when all have answered. */
    static List<Http.Response> concurrently(int port, int n, String path) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Http.Response> call = () -> Http.get(port, path, Duration.ofSeconds(60));
                futures.add(clients.submit(call));
            }
            List<Http.Response> out = new ArrayList<>();
            for (Future<Http.Response> f : futures) out.add(f.get());
            return out;
        }
    }
}
