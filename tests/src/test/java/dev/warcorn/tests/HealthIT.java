package dev.warcorn.tests;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How warcorn reports and recovers from unhealthy workers: out of memory, slow requests, a worker started by hand. */
class HealthIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    void a_worker_that_runs_out_of_memory_is_replaced_and_the_log_says_so() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--heap", "32m", Warcorn.HELLO.toString())) {
            int port = w.port();
            long victim = w.awaitReady(1, BOOT).getFirst();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Http.get(port, "/oom", Duration.ofSeconds(60));
                } catch (Exception expected) {
                    // the worker dies under it
                }
            });
            Warcorn.poll(BOOT, "a new worker in slot 0", () -> w.readyPidOfSlot(0, victim).isPresent());
            assertTrue(w.output().contains("worker=0 pid=" + victim + " died: exited with code 3 (OutOfMemoryError"), w.output());
            assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"));
        }
    }

    @Test
    void a_request_running_past_request_timeout_warn_is_logged_with_worker_and_path() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--request-timeout-warn", "1", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            assertTrue(Http.get(port, "/sleep?ms=2500").is(200, "slept 2500 ms"));
            w.await("\\[worker=0 pid=\\d+\\] \\[WARN\\] request GET /sleep\\?ms=2500 running for more than 1000 ms", Duration.ofSeconds(10));
            assertTrue(!w.output().contains("request GET /hello"), "fast requests are not logged");
        }
    }

    @Test
    void a_worker_started_by_hand_without_a_listener_on_fd_0_refuses_to_start() throws Exception {
        List<String> cp = new ArrayList<>();
        for (String env : List.of("worker", "ee10")) {
            try (var jars = Files.list(Warcorn.DIST.resolve("lib").resolve(env))) {
                jars.map(Path::toString).sorted().forEach(cp::add);
            }
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", String.join(":", cp), "dev.warcorn.worker.WorkerMain",
                "--slot=0", "--war=" + Warcorn.HELLO)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), out);
        assertTrue(out.contains("fd 0 is not a listening socket") && out.contains("workers are started by the warcorn master"), out);
    }
}
