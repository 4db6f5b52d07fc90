package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reload, scaling, recycling and stuck workers under a steady load that counts every failure, each with
 * both kinds of client: a new connection per request, and keep-alive connections reused until the server
 * answers Connection: close (which is what meets a draining worker on a connection it already holds).
 */
class LifecycleIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final int CLIENTS = 4;
    static final int BOUND = 200_000; // per client; the tests stop the load long before

    @ParameterizedTest
    @EnumSource(Load.Client.class)
    void hup_replaces_every_worker_without_refusing_a_request(Load.Client client) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", Warcorn.HELLO.toString())) {
            int port = w.port();
            List<Long> before = w.awaitReady(2, BOOT);
            try (Load load = new Load(client, port, "/hello", CLIENTS, BOUND)) {
                load.awaitMore(200, Duration.ofSeconds(20));
                w.signal("HUP");
                w.awaitReady(4, BOOT);
                Warcorn.poll(BOOT, "the old workers to stop", () -> w.workers().size() == 2
                        && w.workers().stream().noneMatch(p -> before.contains(p.pid())));
                // the reload's length on the master's clock, for scripts/footprint --hup
                w.await("\\] 2 workers ready, \\d+ ms after the reload began", BOOT);
                load.awaitMore(200, Duration.ofSeconds(20));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures() + "\n" + w.tail(80));
                assertReused(client, load);
            }
            Set<Long> now = new HashSet<>(w.workers().stream().map(ProcessHandle::pid).toList());
            assertTrue(now.stream().noneMatch(before::contains), "every pid changed: before " + before + ", now " + now);
        }
    }

    @Test
    void hup_with_max_surge_boots_every_replacement_at_once_and_refuses_no_request() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--max-surge", "2", Warcorn.HELLO.toString())) {
            int port = w.port();
            List<Long> before = w.awaitReady(2, BOOT);
            try (Load load = new Load(Load.Client.KEEP_ALIVE, port, "/hello", CLIENTS, BOUND)) {
                load.awaitMore(200, Duration.ofSeconds(20));
                w.signal("HUP");
                w.await("\\] 2 workers ready, \\d+ ms after the reload began", BOOT);
                Warcorn.poll(BOOT, "the old workers to stop", () -> w.workers().size() == 2
                        && w.workers().stream().noneMatch(p -> before.contains(p.pid())));
                load.awaitMore(200, Duration.ofSeconds(20));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures() + "\n" + w.tail(80));
            }
            // both replacements boot before either old worker is told to stop
            List<String> reload = w.output().lines().dropWhile(l -> !l.contains("Handling signal: hup")).toList();
            int firstStop = indexOf(reload, "replaced by pid=");
            assertTrue(firstStop > 0, String.join("\n", reload));
            assertEquals(2, reload.subList(0, firstStop).stream().filter(l -> l.matches(".*worker=[01] pid=\\d+ booting")).count(),
                    String.join("\n", reload));
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(part)) return i;
        return -1;
    }

    @ParameterizedTest
    @EnumSource(Load.Client.class)
    void ttin_then_ttou_follow_the_worker_count_without_a_failure(Load.Client client) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            try (Load load = new Load(client, port, "/hello", CLIENTS, BOUND)) {
                load.awaitMore(100, Duration.ofSeconds(20));
                w.signal("TTIN");
                w.awaitReady(2, BOOT);
                Warcorn.poll(BOOT, "two workers", () -> w.workers().size() == 2);
                load.awaitMore(100, Duration.ofSeconds(20));
                w.signal("TTOU");
                Warcorn.poll(BOOT, "one worker", () -> w.workers().size() == 1);
                load.awaitMore(100, Duration.ofSeconds(20));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures() + "\n" + w.tail(80));
                assertReused(client, load);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Load.Client.class)
    void winch_then_ttin_stops_every_worker_and_starts_one_without_a_failure(Load.Client client) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", Warcorn.HELLO.toString())) {
            int port = w.port();
            List<Long> before = w.awaitReady(2, BOOT);
            try (Load load = new Load(client, port, "/hello", CLIENTS, BOUND)) {
                load.awaitMore(200, Duration.ofSeconds(20));
                w.signal("WINCH");
                Warcorn.poll(BOOT, "no workers", () -> w.workers().isEmpty());
                w.signal("TTIN"); // the requests sent meanwhile wait in the shared accept queue
                Warcorn.poll(BOOT, "a new worker", () -> w.readyPids().size() == 3);
                load.awaitMore(200, Duration.ofSeconds(40));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures() + "\n" + w.tail(80));
            }
            assertTrue(w.workers().stream().noneMatch(p -> before.contains(p.pid())), "the old workers are gone");
        }
    }

    @ParameterizedTest
    @EnumSource(Load.Client.class)
    void max_requests_recycles_workers_without_a_failure(Load.Client client) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--max-requests", "200",
                "--max-requests-jitter", "50", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            try (Load load = new Load(client, port, "/hello", CLIENTS, BOUND)) {
                Warcorn.poll(Duration.ofSeconds(120), "two recycled workers", () -> w.readyPids().size() >= 4);
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures() + "\n" + w.tail(80));
                assertReused(client, load);
            }
            assertTrue(w.output().contains("(--max-requests)"), w.output());
        }
    }

    @ParameterizedTest
    @EnumSource(Load.Client.class)
    void max_worker_memory_recycles_workers_without_a_failure(Load.Client client) throws Exception {
        // Every worker is over 64 MB once it has booted, so each is replaced as soon as it is measured.
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--max-worker-memory", "64m", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            try (Load load = new Load(client, port, "/hello", CLIENTS, BOUND)) {
                Warcorn.poll(Duration.ofSeconds(120), "two recycled workers", () -> w.readyPids().size() >= 4);
                load.awaitMore(100, Duration.ofSeconds(20));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures() + "\n" + w.tail(80));
            }
            assertTrue(w.output().contains("--max-worker-memory"), w.output());
        }
    }

    @Test
    void max_worker_lifetime_recycles_workers_without_a_failure() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--max-worker-lifetime", "8",
                "--max-worker-lifetime-jitter", "4", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            try (Load load = new Load(Load.Client.KEEP_ALIVE, port, "/hello", CLIENTS, BOUND)) {
                Warcorn.poll(Duration.ofSeconds(120), "two recycled workers", () -> w.readyPids().size() >= 4);
                load.awaitMore(100, Duration.ofSeconds(20));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures());
            }
            assertTrue(w.output().contains("(--max-worker-lifetime)"), w.output());
        }
    }

    @Test
    void a_stopped_worker_is_killed_and_replaced_within_twice_the_timeout() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--timeout", "5", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            long victim = Long.parseLong(w.await("worker=0 pid=(\\d+) ready", BOOT).group(1));
            try (Load load = new Load(port, "/hello", CLIENTS, BOUND)) {
                load.awaitMore(100, Duration.ofSeconds(20));
                new ProcessBuilder("kill", "-STOP", Long.toString(victim)).start().waitFor();
                long stoppedAt = System.nanoTime();
                Warcorn.poll(Duration.ofSeconds(30), "the stopped worker's replacement", () -> w.readyPidOfSlot(0, victim).isPresent());
                long seconds = Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds();
                assertTrue(seconds <= 10 + 5, "replaced after " + seconds + " s"); // 2 x timeout, plus the replacement's boot
                load.awaitMore(100, Duration.ofSeconds(20));
                load.close();
                assertTrue(load.failed() <= CLIENTS, "only requests the stopped worker held may fail: " + load.failures());
            }
            assertTrue(w.output().contains("worker=0 pid=" + victim + " silent for more than 5 s"), w.output());
        }
    }

    @Test
    void a_worker_whose_request_threads_are_all_blocked_is_dumped_and_replaced() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", "-k", "sync", "--threads", "2", "--timeout", "4",
                Warcorn.HELLO.toString())) {
            int port = w.port();
            long victim = w.awaitReady(1, BOOT).getFirst();
            for (int i = 0; i < 2; i++) {
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        Http.get(port, "/sleep?ms=60000", Duration.ofSeconds(90));
                    } catch (Exception expected) {
                        // the worker holding it is killed
                    }
                });
            }
            w.await("Full thread dump", Duration.ofSeconds(30));
            Warcorn.poll(BOOT, "a new worker in slot 0", () -> w.readyPidOfSlot(0, victim).isPresent());
            assertTrue(w.output().contains("worker=0 pid=" + victim + " silent for more than 4 s"), w.output());
            assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"));
        }
    }

    @ParameterizedTest
    @EnumSource(Load.Client.class)
    void kill_9_of_a_worker_under_load_fails_at_most_the_requests_it_held(Load.Client client) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            long victim = Long.parseLong(w.await("worker=1 pid=(\\d+) ready", BOOT).group(1));
            try (Load load = new Load(client, port, "/hello", CLIENTS, BOUND)) {
                load.awaitMore(200, Duration.ofSeconds(20));
                ProcessHandle.of(victim).orElseThrow().destroyForcibly();
                Warcorn.poll(BOOT, "a new worker in slot 1", () -> w.readyPidOfSlot(1, victim).isPresent());
                load.awaitMore(200, Duration.ofSeconds(20));
                load.close();
                assertTrue(load.failed() <= CLIENTS, "failures beyond the killed worker's in-flight requests: " + load.failures());
            }
        }
    }

    /** A keep-alive run that opened a connection per request would prove nothing about keep-alive. */
    static void assertReused(Load.Client client, Load load) {
        if (client == Load.Client.KEEP_ALIVE)
            assertTrue(load.connections() * 10 < load.ok(), load.connections() + " connections for " + load.ok() + " requests");
    }
}
