package dev.warcorn.tests;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walking skeleton, black-box: the real launcher on port 0, real workers, real signals and HTTP. */
class SkeletonIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    void two_workers_share_the_socket_and_both_serve() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"));
            Set<String> pids = new HashSet<>();
            for (int i = 0; i < 200 && pids.size() < 2; i++) pids.add(Http.get(port, "/pid").body());
            assertEquals(2, pids.size(), "distinct worker pids answering: " + pids);
            assertEquals(Set.copyOf(w.readyPids().stream().map(String::valueOf).toList()), pids);
        }
    }

    @Test
    void the_ready_line_splits_the_boot_into_the_jvms_start_and_the_deploy_and_they_add_up() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", Warcorn.HELLO.toString())) {
            Matcher ready = w.await("worker=0 pid=\\d+ ready in (\\d+) ms \\(JVM start (\\d+) ms, deploy (\\d+) ms\\)$", BOOT);
            long boot = Long.parseLong(ready.group(1)), jvm = Long.parseLong(ready.group(2)), deploy = Long.parseLong(ready.group(3));
            assertEquals(boot, jvm + deploy, ready.group());
            // both parts are real work: a JVM does not start, nor Jetty deploy a WAR, in under a millisecond
            assertTrue(jvm > 0 && deploy > 0, ready.group());
        }
    }

    @Test
    void a_worker_killed_with_9_is_replaced_in_its_slot_while_requests_keep_succeeding() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            long victim = Long.parseLong(w.await("worker=0 pid=(\\d+) ready", BOOT).group(1));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger(), failed = new AtomicInteger();
            Thread load = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100_000 && running.get(); i++) { // bounded, and stopped below
                    try {
                        if (Http.get(port, "/hello", Duration.ofSeconds(10)).status() == 200) ok.incrementAndGet();
                        else failed.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            Warcorn.poll(Duration.ofSeconds(10), "some requests before the kill", () -> ok.get() > 20);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            Warcorn.poll(BOOT, "a new worker in slot 0", () -> w.readyPidOfSlot(0, victim).isPresent());
            int atRespawn = ok.get();
            Warcorn.poll(Duration.ofSeconds(10), "requests after the respawn", () -> ok.get() > atRespawn + 20);
            running.set(false);
            load.join();
            assertTrue(w.output().contains("worker=0 pid=" + victim + " died: killed by signal 9 (SIGKILL)"), w.output());
            assertTrue(failed.get() <= 1, "at most the one request in flight at the killed worker may fail; failed=" + failed.get());
        }
    }

    @Test
    void term_lets_a_request_in_flight_finish_then_the_master_exits_0_leaving_no_process() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            List<ProcessHandle> workers = w.workers();
            assertEquals(1, workers.size());
            Http.Response[] slow = new Http.Response[1];
            Thread inFlight = Thread.ofPlatform().start(() -> {
                try {
                    slow[0] = Http.get(port, "/sleep?ms=2000");
                } catch (Exception e) {
                    slow[0] = new Http.Response(-1, e.toString());
                }
            });
            Warcorn.poll(Duration.ofSeconds(10), "the slow request in flight", () -> {
                try {
                    return Http.get(port, "/sleep/stats").body().startsWith("inflight=1 ");
                } catch (Exception e) {
                    return false;
                }
            });
            w.signal("TERM");
            inFlight.join();
            assertTrue(slow[0].is(200, "slept 2000 ms"), String.valueOf(slow[0]));
            assertTrue(w.waitForExit(Duration.ofSeconds(40)), "master exits");
            assertEquals(0, w.exitCode());
            Warcorn.poll(Duration.ofSeconds(5), "no worker left", () -> workers.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void when_the_master_is_killed_with_9_its_workers_exit_within_2_seconds() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", Warcorn.HELLO.toString())) {
            w.awaitReady(2, BOOT);
            List<ProcessHandle> workers = w.workers();
            assertEquals(2, workers.size());
            ProcessHandle.of(w.pid()).orElseThrow().destroyForcibly();
            // exited, not reaped: reaping orphans is PID 1's business, and its pace is not warcorn's
            Warcorn.poll(Duration.ofSeconds(2), "orphaned workers to exit", () -> workers.stream().noneMatch(Warcorn::running));
        }
    }

    @Test
    void a_war_that_fails_to_deploy_stops_the_master_with_exit_4_without_respawning() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(90), "-b", "127.0.0.1:0", "-w", "2", Warcorn.BROKEN.toString());
        assertEquals(4, w.exitCode(), w.output());
        assertTrue(w.output().contains("failed to load " + Warcorn.BROKEN + ": IllegalStateException: this example WAR fails to deploy on purpose"), w.output());
        assertEquals(2, w.output().split(" booting", -1).length - 1, "one boot per slot, no respawn");
    }

    @Test
    void a_missing_war_is_refused_with_exit_2_naming_the_path() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "/no/such/app.war");
        assertEquals(2, w.exitCode());
        assertEquals("warcorn: WAR /no/such/app.war: no such file or directory; give the path of a .war file or an exploded WAR directory", w.output().strip());
    }

    @Test
    void a_port_in_use_is_refused_with_exit_1_and_a_clear_message() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Warcorn w = Warcorn.run(Duration.ofSeconds(30), "-b", "127.0.0.1:" + taken.getLocalPort(), Warcorn.HELLO.toString());
            assertEquals(1, w.exitCode());
            assertEquals("warcorn: bind 127.0.0.1:" + taken.getLocalPort() + ": address already in use", w.output().strip());
        }
    }

    @Test
    void a_bad_option_value_is_refused_with_exit_2_before_any_worker_starts() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "-w", "0", Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode());
        assertEquals("warcorn: --workers=0: must be at least 1", w.output().strip());
    }

    @Test
    void a_worker_that_cannot_boot_in_time_stops_the_master_with_exit_3() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(60), "-b", "127.0.0.1:0", "--boot-timeout", "200ms", Warcorn.HELLO.toString());
        assertEquals(3, w.exitCode(), w.output());
        assertTrue(w.output().contains("failed to boot within 0 s; see --boot-timeout") || w.output().contains("failed to boot within"), w.output());
    }

    @Test
    void ttin_adds_a_worker_and_ttou_takes_one_away() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            w.signal("TTIN");
            w.awaitReady(2, BOOT);
            Warcorn.poll(Duration.ofSeconds(10), "two workers", () -> w.workers().size() == 2);
            w.signal("TTOU");
            Warcorn.poll(BOOT, "one worker", () -> w.workers().size() == 1);
            w.signal("TTOU");
            w.await("SIGTTOU ignored: already at 1 worker", Duration.ofSeconds(10));
            assertEquals(1, w.workers().size());
            assertFalse(w.output().contains("died"), w.output());
            assertNotEquals(0, Http.get(w.port(), "/hello").status());
        }
    }
}
