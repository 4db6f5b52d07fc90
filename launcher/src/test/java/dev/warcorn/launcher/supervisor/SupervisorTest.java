package dev.warcorn.launcher.supervisor;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.StatusMessage;
import dev.warcorn.launcher.cli.CommandLine;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.posix.Libc;
import dev.warcorn.posix.WaitStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.OptionalLong;
import java.util.Random;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supervisor's decisions, stepped through with a fake clock and a launcher that starts nothing. */
class SupervisorTest {
    private final FakeLauncher launcher = new FakeLauncher();
    private final FakeClock clock = new FakeClock();
    private final Map<Long, Long> rss = new HashMap<>();
    private String[] reloadArgs;
    /** When set, the next reload finds the TLS files unusable with this message. */
    private String unusableFiles;
    private final List<String> told = new java.util.ArrayList<>();
    private final Lifecycle lifecycle = new Lifecycle() {
        @Override
        public void ready(int workers) {
            told.add("ready " + workers);
        }

        @Override
        public void reloading() {
            told.add("reloading");
        }

        @Override
        public void stopping() {
            told.add("stopping");
        }

        @Override
        public void upgrade() {
            told.add("upgrade");
        }

        @Override
        public void reopenLogs() {
            told.add("reopen logs");
        }
    };
    private Supervisor supervisor;

    static Config config(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "app.war";
        return ((CommandLine.Outcome.Run) CommandLine.parse(Map.of(), Path.of("."), all)).config();
    }

    private Supervisor start(String... args) {
        reloadArgs = args;
        supervisor = new Supervisor(config(args), launcher, clock, new LinkedBlockingQueue<>(), current -> {
            if (unusableFiles != null) throw new ConfigSource.FilesUnusable(unusableFiles);
            return config(reloadArgs);
        },
                pid -> rss.containsKey(pid) ? OptionalLong.of(rss.get(pid)) : OptionalLong.empty(), new Random(42), lifecycle);
        assertNull(supervisor.step(null));
        return supervisor;
    }

    private ExitCode send(Event e) {
        return supervisor.step(e);
    }

    /** Moves time on in ticks, as the real loop does, so that no tick looks like a paused master. */
    private ExitCode runFor(Duration d) {
        ExitCode result = null;
        for (long t = 0; t < d.toMillis() && result == null; t += Supervisor.TICK.toMillis()) {
            clock.advance(Supervisor.TICK);
            result = supervisor.step(null);
        }
        return result;
    }

    private void ready(long pid) {
        send(new Event.WorkerReported(pid, new StatusMessage.Ready(500)));
    }

    @Test
    void the_ready_line_gives_the_jvms_start_as_what_the_workers_own_part_leaves_of_the_boot() {
        assertEquals("JVM start 300 ms, deploy 500 ms", WorkerHandle.bootParts(800, 500));
        // the worker's part lies inside the master's interval; a worker clock that says more never makes the JVM's negative
        assertEquals("JVM start 0 ms, deploy 800 ms", WorkerHandle.bootParts(800, 900));
    }

    @Test
    void spawns_the_configured_number_of_workers_in_stable_slots() {
        start("-w", "3");
        assertEquals(List.of(0, 1, 2), launcher.launchedSlots);
        assertEquals(Map.of(0, 1000L, 1, 1001L, 2, 1002L), supervisor.pidsBySlot());
    }

    @Test
    void usr1_reopens_the_masters_logs_and_signals_ready_workers_now_and_booting_ones_once_ready() {
        start("-w", "2");
        ready(1000);
        assertFalse(launcher.wasSignalled(1000, Libc.SIGUSR1));
        send(new Event.SignalReceived("USR1"));
        assertEquals(List.of("reopen logs"), told);
        assertTrue(launcher.wasSignalled(1000, Libc.SIGUSR1));
        assertFalse(launcher.wasSignalled(1001, Libc.SIGUSR1), "USR1 kills a JVM whose main has not installed its handler yet");
        ready(1001);
        assertTrue(launcher.wasSignalled(1001, Libc.SIGUSR1), "told once ready");
    }

    @Test
    void a_crashed_worker_is_respawned_in_its_slot() {
        start("-w", "2");
        ready(1000);
        ready(1001);
        send(new Event.WorkerExited(1000, WaitStatus.killedBy(Libc.SIGKILL)));
        assertEquals(List.of(0, 1, 0), launcher.launchedSlots);
        assertEquals(Map.of(0, 1002L, 1, 1001L), supervisor.pidsBySlot());
    }

    @Test
    void a_worker_that_keeps_crashing_is_respawned_with_growing_backoff() {
        start();
        ready(1000);
        send(new Event.WorkerExited(1000, WaitStatus.exited(1)));
        assertEquals(2, launcher.launchedPids.size(), "the first crash is respawned at once");
        ready(1001);
        send(new Event.WorkerExited(1001, WaitStatus.exited(1)));
        assertEquals(2, launcher.launchedPids.size(), "the second waits");
        runFor(Duration.ofMillis(900));
        assertEquals(2, launcher.launchedPids.size());
        runFor(Duration.ofMillis(200));
        assertEquals(3, launcher.launchedPids.size(), "respawned after 1 s");
        ready(1002);
        send(new Event.WorkerExited(1002, WaitStatus.exited(1)));
        runFor(Duration.ofMillis(1500));
        assertEquals(3, launcher.launchedPids.size(), "the third crash waits 2 s");
        runFor(Duration.ofMillis(600));
        assertEquals(4, launcher.launchedPids.size());
    }

    @Test
    void backoff_grows_to_thirty_seconds_and_no_further() {
        assertEquals(Duration.ZERO, Backoff.delay(1));
        assertEquals(Duration.ofSeconds(1), Backoff.delay(2));
        assertEquals(Duration.ofSeconds(16), Backoff.delay(6));
        assertEquals(Duration.ofSeconds(30), Backoff.delay(7));
        assertEquals(Duration.ofSeconds(30), Backoff.delay(50));
    }

    @Test
    void a_worker_that_fails_to_load_the_war_stops_the_master_with_exit_4_and_no_respawn() {
        start("-w", "2");
        send(new Event.WorkerReported(1000, new StatusMessage.Failed(ExitCode.APP_LOAD_ERROR, "IllegalStateException: boom")));
        assertNull(send(new Event.WorkerExited(1000, WaitStatus.exited(4))));
        assertTrue(launcher.wasSignalled(1001, Libc.SIGINT), "the other worker is stopped quickly");
        assertEquals(ExitCode.APP_LOAD_ERROR, send(new Event.WorkerExited(1001, WaitStatus.exited(0))));
        assertEquals(2, launcher.launchedPids.size());
    }

    @Test
    void a_worker_that_exits_before_ready_without_a_reason_is_a_boot_error() {
        start();
        assertEquals(ExitCode.WORKER_BOOT_ERROR, send(new Event.WorkerExited(1000, WaitStatus.exited(1))));
        assertEquals(1, launcher.launchedPids.size());
    }

    @Test
    void a_worker_killed_by_a_signal_while_booting_is_respawned() {
        start();
        assertNull(send(new Event.WorkerExited(1000, WaitStatus.killedBy(Libc.SIGKILL))));
        assertEquals(2, launcher.launchedPids.size());
    }

    @Test
    void a_worker_not_ready_within_the_boot_timeout_is_killed_and_the_master_exits_3() {
        start("--boot-timeout", "10");
        assertNull(runFor(Duration.ofSeconds(9)));
        assertFalse(launcher.wasSignalled(1000, Libc.SIGKILL));
        runFor(Duration.ofMillis(1200));
        assertTrue(launcher.wasSignalled(1000, Libc.SIGKILL));
        assertEquals(ExitCode.WORKER_BOOT_ERROR, send(new Event.WorkerExited(1000, WaitStatus.killedBy(Libc.SIGKILL))));
    }

    @Test
    void a_launch_that_fails_stops_the_master_with_exit_3() {
        launcher.failLaunches = true;
        supervisor = new Supervisor(config(), launcher, clock, new LinkedBlockingQueue<>(), current -> config(),
                pid -> OptionalLong.empty(), new Random(1), Lifecycle.NONE);
        assertEquals(ExitCode.WORKER_BOOT_ERROR, supervisor.step(null));
    }

    @Test
    void term_stops_every_worker_gracefully_and_exits_0_once_all_are_gone() {
        start("-w", "2");
        ready(1000);
        ready(1001);
        assertNull(send(new Event.SignalReceived("TERM")));
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
        assertTrue(launcher.wasSignalled(1001, Libc.SIGTERM));
        assertNull(send(new Event.WorkerExited(1000, WaitStatus.exited(0))));
        assertEquals(2, launcher.launchedPids.size(), "no respawn while stopping");
        assertEquals(ExitCode.OK, send(new Event.WorkerExited(1001, WaitStatus.exited(0))));
    }

    @Test
    void a_worker_that_outlives_the_graceful_timeout_is_killed() {
        start("--graceful-timeout", "5");
        ready(1000);
        send(new Event.SignalReceived("TERM"));
        runFor(Duration.ofSeconds(5).plus(Supervisor.DRAIN_MARGIN).minusMillis(300));
        assertFalse(launcher.wasSignalled(1000, Libc.SIGKILL));
        runFor(Duration.ofMillis(500));
        assertTrue(launcher.wasSignalled(1000, Libc.SIGKILL));
    }

    @Test
    void int_during_a_graceful_stop_turns_it_into_a_quick_stop() {
        start();
        ready(1000);
        send(new Event.SignalReceived("TERM"));
        send(new Event.SignalReceived("INT"));
        assertTrue(launcher.wasSignalled(1000, Libc.SIGINT));
        runFor(Supervisor.QUICK_STOP.plusMillis(200));
        assertTrue(launcher.wasSignalled(1000, Libc.SIGKILL));
    }

    @Test
    void ttin_adds_a_worker_and_ttou_stops_the_highest_slot() {
        start("-w", "2");
        ready(1000);
        ready(1001);
        send(new Event.SignalReceived("TTIN"));
        assertEquals(List.of(0, 1, 2), launcher.launchedSlots);
        ready(1002);
        send(new Event.SignalReceived("TTOU"));
        assertTrue(launcher.wasSignalled(1002, Libc.SIGTERM));
        assertEquals(Map.of(0, 1000L, 1, 1001L), supervisor.pidsBySlot());
        send(new Event.WorkerExited(1002, WaitStatus.exited(0)));
        assertEquals(3, launcher.launchedPids.size(), "a worker stopped by TTOU is not respawned");
    }

    @Test
    void ttou_never_goes_below_one_worker() {
        start();
        ready(1000);
        send(new Event.SignalReceived("TTOU"));
        assertEquals(1, supervisor.targetWorkers());
        assertFalse(launcher.wasSignalled(1000, Libc.SIGTERM));
    }

    @Test
    void a_silent_worker_is_killed_after_the_timeout_and_replaced() {
        start("--timeout", "5");
        ready(1000);
        runFor(Duration.ofSeconds(4));
        send(new Event.WorkerReported(1000, new StatusMessage.Beat(10)));
        runFor(Duration.ofSeconds(4));
        assertFalse(launcher.wasSignalled(1000, Libc.SIGKILL), "a beat resets the timeout");
        runFor(Duration.ofSeconds(2));
        assertTrue(launcher.wasSignalled(1000, Libc.SIGQUIT), "a thread dump first");
        assertFalse(launcher.wasSignalled(1000, Libc.SIGKILL));
        runFor(Supervisor.DUMP_GRACE.plusMillis(200));
        assertTrue(launcher.wasSignalled(1000, Libc.SIGKILL), "then the kill");
        send(new Event.WorkerExited(1000, WaitStatus.killedBy(Libc.SIGKILL)));
        assertNotEquals(1000L, supervisor.pidsBySlot().get(0));
    }

    @Test
    void boot_time_does_not_count_against_the_timeout() {
        start("--timeout", "2", "--boot-timeout", "30");
        assertNull(runFor(Duration.ofSeconds(10)));
        assertFalse(launcher.wasSignalled(1000, Libc.SIGKILL));
    }

    @Test
    void after_the_master_itself_was_paused_no_worker_is_killed_for_silence() {
        start("--timeout", "5");
        ready(1000);
        clock.advance(Duration.ofMinutes(10)); // a suspended laptop
        supervisor.step(null);
        runFor(Duration.ofSeconds(1));
        assertFalse(launcher.wasSignalled(1000, Libc.SIGKILL));
    }

    @Test
    void hup_replaces_every_worker_one_at_a_time_replacement_first() {
        start("-w", "2");
        ready(1000);
        ready(1001);
        send(new Event.SignalReceived("HUP"));
        assertEquals(List.of(0, 1, 0), launcher.launchedSlots, "one replacement at a time, slot 0 first");
        assertFalse(launcher.wasSignalled(1000, Libc.SIGTERM), "the old worker serves until its replacement is ready");
        ready(1002);
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
        assertEquals(List.of(0, 1, 0, 1), launcher.launchedSlots);
        ready(1003);
        assertTrue(launcher.wasSignalled(1001, Libc.SIGTERM));
        send(new Event.WorkerExited(1000, WaitStatus.exited(0)));
        send(new Event.WorkerExited(1001, WaitStatus.exited(0)));
        assertEquals(Map.of(0, 1002L, 1, 1003L), supervisor.pidsBySlot());
        assertEquals(4, launcher.launchedPids.size(), "stopped old workers are not respawned");
    }

    @Test
    void max_surge_replaces_that_many_workers_at_once_each_old_one_stopping_when_its_own_replacement_is_ready() {
        start("-w", "3", "--max-surge", "2");
        ready(1000);
        ready(1001);
        ready(1002);
        send(new Event.SignalReceived("HUP"));
        assertEquals(List.of(0, 1, 2, 0, 1), launcher.launchedSlots, "two replacements boot together, slots 0 and 1");
        ready(1004); // slot 1's replacement first
        assertTrue(launcher.wasSignalled(1001, Libc.SIGTERM), "slot 1's old worker drains");
        assertFalse(launcher.wasSignalled(1000, Libc.SIGTERM), "slot 0's old worker serves until its own replacement is ready");
        assertEquals(List.of(0, 1, 2, 0, 1, 2), launcher.launchedSlots, "the freed place goes to slot 2");
        ready(1003);
        ready(1005);
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
        assertTrue(launcher.wasSignalled(1002, Libc.SIGTERM));
        assertEquals(6, launcher.launchedPids.size());
    }

    @Test
    void hup_reads_the_configuration_again() {
        start("-w", "1");
        ready(1000);
        reloadArgs = new String[] {"-w", "2"};
        send(new Event.SignalReceived("HUP"));
        assertEquals(2, supervisor.targetWorkers());
    }

    @Test
    void hup_with_unusable_tls_files_replaces_no_worker_and_tells_nobody_it_reloads() {
        start("-w", "2");
        ready(1000);
        ready(1001);
        told.clear();
        unusableFiles = "keyfile=/etc/tls/key.pem: the key does not belong to the first certificate";
        send(new Event.SignalReceived("HUP"));
        runFor(Duration.ofSeconds(5));
        assertEquals(2, launcher.launchedPids.size(), "no replacement spawned");
        assertFalse(launcher.wasSignalled(1000, Libc.SIGTERM));
        assertFalse(told.contains("reloading"), "systemd is not told of a reload that does not happen: " + told);
        unusableFiles = null; // the files fixed, HUP again: now every worker is replaced
        send(new Event.SignalReceived("HUP"));
        assertEquals(3, launcher.launchedPids.size());
    }

    @Test
    void a_replacement_that_fails_to_boot_keeps_the_old_worker_and_the_master_up() {
        start("-w", "2");
        ready(1000);
        ready(1001);
        send(new Event.SignalReceived("HUP"));
        send(new Event.WorkerReported(1002, new StatusMessage.Failed(ExitCode.APP_LOAD_ERROR, "boom")));
        assertNull(send(new Event.WorkerExited(1002, WaitStatus.exited(4))), "the master stays up");
        assertFalse(launcher.wasSignalled(1000, Libc.SIGTERM));
        assertFalse(launcher.wasSignalled(1000, Libc.SIGINT));
        assertEquals(Map.of(0, 1000L, 1, 1001L), supervisor.pidsBySlot());
        runFor(Duration.ofSeconds(2));
        assertEquals(3, launcher.launchedPids.size(), "the rest of the reload is dropped");
    }

    @Test
    void max_requests_gives_each_worker_its_own_jittered_share_and_recycles_it() {
        start("-w", "2", "--max-requests", "200", "--max-requests-jitter", "50");
        launcher.maxRequests.forEach(m -> assertTrue(m >= 200 && m <= 250, "share " + m));
        ready(1000);
        ready(1001);
        send(new Event.WorkerReported(1000, new StatusMessage.Recycle(210)));
        assertEquals(List.of(0, 1, 0), launcher.launchedSlots);
        ready(1002);
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
    }

    @Test
    void a_worker_above_max_worker_memory_for_three_seconds_is_replaced() {
        start("--max-worker-memory", "256m");
        ready(1000);
        rss.put(1000L, 300L << 20);
        runFor(Duration.ofMillis(2500));
        assertEquals(1, launcher.launchedPids.size(), "not yet: three reads in a row");
        runFor(Duration.ofMillis(1000));
        assertEquals(2, launcher.launchedPids.size());
        ready(1001);
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
    }

    @Test
    void workers_past_max_worker_lifetime_are_replaced_one_at_a_time_replacement_first() {
        start("-w", "2", "-t", "0", "--max-worker-lifetime", "60");
        ready(1000);
        ready(1001);
        runFor(Duration.ofSeconds(59));
        assertEquals(2, launcher.launchedPids.size(), "not before the lifetime");
        runFor(Duration.ofSeconds(2));
        assertEquals(List.of(0, 1, 0), launcher.launchedSlots, "one replacement at a time, slot 0 first");
        assertFalse(launcher.wasSignalled(1000, Libc.SIGTERM), "the old worker serves until its replacement is ready");
        runFor(Duration.ofSeconds(5));
        assertEquals(3, launcher.launchedPids.size(), "never two replacements at once");
        ready(1002);
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
        runFor(Duration.ofMillis(200));
        assertEquals(List.of(0, 1, 0, 1), launcher.launchedSlots);
        ready(1003);
        assertTrue(launcher.wasSignalled(1001, Libc.SIGTERM));
        send(new Event.WorkerExited(1000, WaitStatus.exited(0)));
        send(new Event.WorkerExited(1001, WaitStatus.exited(0)));
        runFor(Duration.ofSeconds(50));
        assertEquals(4, launcher.launchedPids.size(), "a replacement's lifetime starts when it is spawned");
    }

    @Test
    void max_worker_lifetime_jitter_gives_each_worker_its_own_lifetime_within_the_jitter() {
        start("-w", "4", "-t", "0", "--max-worker-lifetime", "10", "--max-worker-lifetime-jitter", "20");
        for (long pid = 1000; pid < 1004; pid++) ready(pid);
        runFor(Duration.ofMillis(9900));
        assertEquals(4, launcher.launchedPids.size(), "nobody before the lifetime itself");
        java.util.Set<Long> recycledAt = new java.util.HashSet<>();
        for (int second = 10; second <= 31; second++) {
            int before = launcher.launchedPids.size();
            runFor(Duration.ofSeconds(1));
            for (int i = before; i < launcher.launchedPids.size(); i++) {
                recycledAt.add((long) second);
                ready(launcher.launchedPids.get(i));
            }
        }
        assertEquals(8, launcher.launchedPids.size(), "every worker replaced once within lifetime + jitter");
        assertTrue(recycledAt.size() > 1, "not all at the same moment: " + recycledAt);
    }

    @Test
    void a_lifetime_replacement_that_fails_to_boot_is_tried_again_a_lifetime_later() {
        start("-t", "0", "--max-worker-lifetime", "30");
        ready(1000);
        runFor(Duration.ofSeconds(31));
        assertEquals(2, launcher.launchedPids.size());
        assertNull(send(new Event.WorkerExited(1001, WaitStatus.exited(4))), "the master stays up");
        runFor(Duration.ofSeconds(29));
        assertEquals(2, launcher.launchedPids.size(), "no immediate retry");
        runFor(Duration.ofSeconds(2));
        assertEquals(3, launcher.launchedPids.size());
    }

    @Test
    void changed_files_replace_every_worker_as_hup_does_and_a_change_during_a_boot_replaces_that_worker_again() {
        start("-w", "2", "-t", "0");
        ready(1000);
        ready(1001);
        send(new Event.FilesChanged(List.of(Path.of("WEB-INF/classes/Hello.class"))));
        assertEquals("reloading", told.getLast());
        assertEquals(List.of(0, 1, 0), launcher.launchedSlots, "replacement first");
        send(new Event.FilesChanged(List.of(Path.of("WEB-INF/classes/Hello.class")))); // changed again while 1002 boots
        ready(1002);
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
        ready(1003);
        assertTrue(launcher.wasSignalled(1001, Libc.SIGTERM));
        assertEquals(List.of(0, 1, 0, 1, 0), launcher.launchedSlots, "1002 may have read the old files: replaced once more");
        ready(1004);
        assertTrue(launcher.wasSignalled(1002, Libc.SIGTERM));
        assertFalse(launcher.wasSignalled(1003, Libc.SIGTERM), "1003 was spawned after the second change");
    }

    @Test
    void winch_stops_every_worker_and_keeps_the_master_until_ttin() {
        start("-w", "2");
        ready(1000);
        ready(1001);
        send(new Event.SignalReceived("WINCH"));
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
        assertTrue(launcher.wasSignalled(1001, Libc.SIGTERM));
        send(new Event.WorkerExited(1000, WaitStatus.exited(0)));
        assertNull(send(new Event.WorkerExited(1001, WaitStatus.exited(0))), "the master stays");
        send(new Event.SignalReceived("TTIN"));
        assertEquals(3, launcher.launchedPids.size());
    }

    @Test
    void the_outside_world_hears_ready_reloading_ready_again_and_stopping() {
        start("-w", "2");
        ready(1000);
        assertEquals(List.of(), told, "not ready until every worker is");
        ready(1001);
        send(new Event.SignalReceived("HUP"));
        ready(1002);
        ready(1003);
        send(new Event.SignalReceived("USR2"));
        send(new Event.SignalReceived("TERM"));
        send(new Event.SignalReceived("INT"));
        assertEquals(List.of("ready 2", "reloading", "ready 2", "upgrade", "stopping"), told);
    }

    private static dev.warcorn.common.WorkerStats served(long getOk) {
        return dev.warcorn.common.WorkerStats.decode(dev.warcorn.common.WorkerStats.EMPTY.encode().replaceFirst("req=0,0", "req=0," + getOk));
    }

    private long poolRequests() {
        return supervisor.snapshot().pool().total().requestTotal();
    }

    @Test
    void pool_totals_never_go_backwards_across_a_crash_a_reload_and_a_scale_down() {
        start("-w", "2");
        ready(1000);
        ready(1001);
        send(new Event.WorkerReported(1000, new StatusMessage.Stats(served(10))));
        send(new Event.WorkerReported(1001, new StatusMessage.Stats(served(5))));
        assertEquals(15, poolRequests());

        send(new Event.WorkerExited(1000, WaitStatus.killedBy(Libc.SIGKILL))); // kill -9: slot 0 keeps its 10
        assertEquals(15, poolRequests());
        ready(1002);
        send(new Event.WorkerReported(1002, new StatusMessage.Stats(served(1))));
        assertEquals(16, poolRequests());
        assertEquals(11, supervisor.snapshot().pool().slots().get(0).requestTotal());

        send(new Event.SignalReceived("HUP"));
        ready(1003); // replaces 1002 in slot 0
        send(new Event.WorkerReported(1002, new StatusMessage.Stats(served(3)))); // its last line, after its drain
        send(new Event.WorkerExited(1002, WaitStatus.exited(0)));
        ready(1004); // replaces 1001 in slot 1
        send(new Event.WorkerExited(1001, WaitStatus.exited(0)));
        send(new Event.WorkerReported(1003, new StatusMessage.Stats(served(2))));
        assertEquals(10 + 3 + 2 + 5, poolRequests());

        send(new Event.SignalReceived("TTOU"));
        send(new Event.WorkerExited(1004, WaitStatus.exited(0)));
        assertEquals(20, poolRequests(), "a slot scaled away keeps its counts");
        Map<String, Long> restarts = supervisor.snapshot().pool().restarts();
        assertEquals(1, restarts.get("crash"));
        assertEquals(2, restarts.get("reload"));
        assertEquals(1, restarts.get("scale"));
        assertEquals(0, restarts.get("timeout"));
    }

    @Test
    void a_worker_killed_for_silence_counts_as_a_timeout_restart() {
        start("--timeout", "5");
        ready(1000);
        runFor(Duration.ofSeconds(6).plus(Supervisor.DUMP_GRACE));
        send(new Event.WorkerExited(1000, WaitStatus.killedBy(Libc.SIGKILL)));
        assertEquals(1, supervisor.snapshot().pool().restarts().get("timeout"));
        assertEquals(0, supervisor.snapshot().pool().restarts().get("crash"));
    }

    @Test
    void ready_means_one_worker_ready_and_the_master_not_stopping() {
        start("-w", "2");
        assertFalse(supervisor.snapshot().pool().ready(), "booting only");
        ready(1000);
        assertTrue(supervisor.snapshot().pool().ready());
        send(new Event.SignalReceived("TERM"));
        assertFalse(supervisor.snapshot().pool().ready(), "stopping");
        assertEquals("draining", supervisor.snapshot().workers().getFirst().state());
    }

    @Test
    void boot_time_is_the_masters_own_from_the_spawn_call_to_the_ready_line() {
        start();
        clock.advance(Duration.ofMillis(1234));
        ready(1000); // the worker itself says 500 ms, counted from /proc's rounded start time
        assertEquals(1234, supervisor.snapshot().workers().getFirst().bootMillis());
        assertEquals(1234, supervisor.snapshot().pool().bootMillis());
    }

    @Test
    void boot_time_leaves_out_the_unpack_the_launcher_prepares_before_the_spawn() {
        launcher.onPrepare = () -> clock.advance(Duration.ofMillis(300)); // the master unpacks a large WAR
        start();
        clock.advance(Duration.ofMillis(900));
        ready(1000);
        assertEquals(900, supervisor.snapshot().workers().getFirst().bootMillis());
    }

    /** Starts {@code args} with --spare-workers 1 and brings every slot and the spare to ready; returns the spare's pid. */
    private long startWithReadySpare(int workers, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("-w", Integer.toString(workers), "--spare-workers", "1"));
        all.addAll(List.of(args));
        start(all.toArray(String[]::new));
        assertEquals(List.of(), launcher.spares, "spares boot once the slots' workers are ready, which come first");
        for (int i = 0; i < workers; i++) ready(1000 + i);
        assertEquals(List.of(1000L + workers), launcher.spares);
        ready(1000 + workers);
        assertEquals("spare", supervisor.snapshot().workers().getLast().state());
        return 1000 + workers;
    }

    private void accepting(long pid) {
        send(new Event.WorkerReported(pid, new StatusMessage.Accepting()));
    }

    @Test
    void a_ready_spare_takes_the_slot_of_a_killed_worker_in_the_same_pass_and_a_new_spare_boots() {
        long spare = startWithReadySpare(2);
        send(new Event.WorkerExited(1000, WaitStatus.killedBy(Libc.SIGKILL)));
        assertEquals(List.of(spare + "->0"), launcher.promotions);
        assertEquals(Map.of(0, spare, 1, 1001L), supervisor.pidsBySlot());
        assertEquals(List.of(0, 1), launcher.launchedSlots, "no worker booted for the slot");
        assertEquals(List.of(spare), launcher.spares, "the promoted spare has the cores until it accepts");
        accepting(spare);
        assertEquals(List.of(spare, spare + 1), launcher.spares, "then a new spare boots behind it");
        assertEquals(Map.of(0, spare + 1), supervisor.sparesByNumber());
        assertEquals(1, supervisor.snapshot().pool().restarts().get("crash"), "still the slot's crash");
        var slot0 = supervisor.snapshot().workers().getFirst();
        assertEquals("ready", slot0.state());
        assertFalse(slot0.spare());
    }

    @Test
    void a_spare_that_dies_is_rebooted_and_is_no_slots_crash() {
        long spare = startWithReadySpare(1);
        assertNull(send(new Event.WorkerExited(spare, WaitStatus.killedBy(Libc.SIGKILL))));
        assertEquals(List.of(spare, spare + 1), launcher.spares);
        assertEquals(0, supervisor.snapshot().pool().restarts().get("crash"));
        assertEquals(Map.of(0, 1000L), supervisor.pidsBySlot());
        assertNull(send(new Event.WorkerExited(spare + 1, WaitStatus.exited(4))), "a spare that fails to boot never stops the master");
        assertEquals(2, launcher.spares.size(), "the second death in a row waits");
        runFor(Duration.ofMillis(1100));
        assertEquals(3, launcher.spares.size(), "rebooted after 1 s");
    }

    @Test
    void hup_stops_the_spares_and_boots_new_ones_once_the_slots_are_replaced() {
        long spare = startWithReadySpare(1);
        send(new Event.SignalReceived("HUP"));
        assertTrue(launcher.wasSignalled(spare, Libc.SIGTERM), "a spare of the old configuration never serves");
        assertEquals(List.of(), launcher.promotions, "not promoted to replace a worker either");
        assertEquals(List.of(0, 0), launcher.launchedSlots, "the slot's replacement boots");
        assertEquals(1, launcher.spares.size(), "no new spare while the replacement boots");
        ready(spare + 1);
        assertTrue(launcher.wasSignalled(1000, Libc.SIGTERM));
        assertEquals(List.of(spare, spare + 2), launcher.spares);
        send(new Event.WorkerExited(spare, WaitStatus.exited(0)));
        assertEquals(2, launcher.spares.size(), "a stopped spare is not rebooted");
    }

    @Test
    void ttin_takes_a_ready_spare_for_the_new_slot() {
        long spare = startWithReadySpare(1);
        send(new Event.SignalReceived("TTIN"));
        assertEquals(List.of(spare + "->1"), launcher.promotions);
        assertEquals(Map.of(0, 1000L, 1, spare), supervisor.pidsBySlot());
        assertEquals(List.of(0), launcher.launchedSlots);
        accepting(spare);
        assertEquals(List.of(spare, spare + 1), launcher.spares);
    }

    @Test
    void a_recycled_worker_is_taken_over_by_a_spare_and_stops_once_the_spare_accepts() {
        long spare = startWithReadySpare(2, "--max-requests", "100");
        send(new Event.WorkerReported(1001, new StatusMessage.Recycle(100)));
        assertEquals(List.of(spare + "->1"), launcher.promotions);
        assertFalse(launcher.wasSignalled(1001, Libc.SIGTERM), "the old worker serves until the spare accepts");
        accepting(spare);
        assertTrue(launcher.wasSignalled(1001, Libc.SIGTERM));
        assertEquals(Map.of(0, 1000L, 1, spare), supervisor.pidsBySlot());
        assertEquals(1, supervisor.snapshot().pool().restarts().get("max-requests"));
    }

    @Test
    void term_stops_the_spares_too_and_the_master_exits_once_they_are_gone() {
        long spare = startWithReadySpare(1);
        send(new Event.SignalReceived("TERM"));
        assertTrue(launcher.wasSignalled(spare, Libc.SIGTERM));
        assertNull(send(new Event.WorkerExited(1000, WaitStatus.exited(0))), "the spare is still running");
        assertEquals(ExitCode.OK, send(new Event.WorkerExited(spare, WaitStatus.exited(0))));
    }

    @Test
    void a_spare_not_ready_within_the_boot_timeout_is_killed_without_stopping_the_master() {
        start("--spare-workers", "1", "--boot-timeout", "10");
        ready(1000);
        assertNull(runFor(Duration.ofSeconds(11)));
        assertTrue(launcher.wasSignalled(1001, Libc.SIGKILL));
        assertNull(send(new Event.WorkerExited(1001, WaitStatus.killedBy(Libc.SIGKILL))));
        assertEquals(List.of(1001L, 1002L), launcher.spares);
    }
}
