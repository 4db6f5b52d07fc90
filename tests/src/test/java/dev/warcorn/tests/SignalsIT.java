package dev.warcorn.tests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals reach warcorn whatever dispositions it inherited. A signal ignored when a process starts stays
 * ignored across exec, and the JVM leaves an ignored HUP, INT or TERM ignored: under {@code nohup} the
 * master would never see HUP, and as a script's background job ({@code warcorn … &}, which a
 * non-interactive shell starts with INT and QUIT ignored) INT would do nothing.
 */
class SignalsIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    /** HUP, INT, QUIT, USR1, USR2, TERM, TTIN, TTOU, WINCH: bit n-1 of /proc/PID/status SigIgn for signal n. */
    static final long WARCORN_SIGNALS = bits(1, 2, 3, 10, 12, 15, 21, 22, 28);

    @Test
    void hup_reaches_a_master_started_under_nohup_and_replaces_every_worker_without_a_failure() throws Exception {
        try (Warcorn w = Warcorn.startThrough(List.of("nohup"), "-b", "127.0.0.1:0", "-w", "2", Warcorn.HELLO.toString())) {
            int port = w.port();
            List<Long> before = w.awaitReady(2, BOOT);
            assertTrue(ignoredAtStart(w).contains("SIGHUP"), "nohup ignored no HUP; the test proves nothing\n" + w.output());
            try (Load load = new Load(port, "/hello", 2, 200_000)) {
                load.awaitMore(100, Duration.ofSeconds(20));
                w.signal("HUP");
                w.awaitReady(4, BOOT);
                Warcorn.poll(BOOT, "the old workers to stop", () -> w.workers().size() == 2
                        && w.workers().stream().noneMatch(p -> before.contains(p.pid())));
                load.awaitMore(100, Duration.ofSeconds(20));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures());
            }
            // the old workers ran their own TERM handler (a killed one would read "killed by signal")
            for (long old : before) w.await("pid=" + old + " stopped \\(exited with code 0\\)", Duration.ofSeconds(10));
            assertEquals(0L, ignored(w.pid()) & WARCORN_SIGNALS, "master ignores " + hex(ignored(w.pid())));
            for (ProcessHandle worker : w.workers())
                assertEquals(0L, ignored(worker.pid()) & WARCORN_SIGNALS, "worker " + worker.pid() + " ignores " + hex(ignored(worker.pid())));
        }
    }

    @Test
    void int_stops_a_master_started_with_int_and_quit_ignored_as_a_scripts_background_job_is() throws Exception {
        // what `warcorn … &` in a non-interactive shell does to the job's dispositions, then exec as bin/warcorn does
        List<String> background = List.of("/bin/sh", "-c", "trap '' INT QUIT; exec \"$0\" \"$@\"");
        try (Warcorn w = Warcorn.startThrough(background, "-b", "127.0.0.1:0", "-w", "2", Warcorn.HELLO.toString())) {
            w.port();
            w.awaitReady(2, BOOT);
            assertTrue(ignoredAtStart(w).contains("SIGINT"), "INT was not ignored; the test proves nothing\n" + w.output());
            List<ProcessHandle> workers = w.workers();
            assertEquals(2, workers.size());
            // QUIT is the JVM's thread dump, which it installs whatever it inherited; the workers start with the default
            assertEquals(0L, ignored(w.pid()) & WARCORN_SIGNALS, "master ignores " + hex(ignored(w.pid())));
            for (ProcessHandle worker : workers)
                assertEquals(0L, ignored(worker.pid()) & WARCORN_SIGNALS, "worker " + worker.pid() + " ignores " + hex(ignored(worker.pid())));
            w.signal("INT");
            assertTrue(w.waitForExit(Duration.ofSeconds(30)), "the master did not exit after INT\n" + w.output());
            assertEquals(0, w.exitCode(), w.output());
            assertTrue(w.output().contains("Shutting down: quick stop of 2 workers"), w.output());
            Warcorn.poll(Duration.ofSeconds(10), "the workers to exit", () -> workers.stream().noneMatch(Warcorn::running));
            // each worker ran its own INT handler: neither killed by the master after 2 s nor by INT's default
            for (ProcessHandle worker : workers) w.await("pid=" + worker.pid() + " stopped \\(exited with code 0\\)", Duration.ofSeconds(10));
        }
    }

    /** The SigIgn mask of a process: bit n-1 set when signal n is ignored. */
    private static long ignored(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
            if (line.startsWith("SigIgn:")) return Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
        throw new AssertionError("no SigIgn in /proc/" + pid + "/status");
    }

    private static long bits(int... signals) {
        long mask = 0;
        for (int s : signals) mask |= 1L << (s - 1);
        return mask;
    }

    private static String hex(long mask) {
        return String.format("SigIgn %016x", mask);
    }

    /**
     * The master's line naming the signals it found ignored at start ("SIGINT, SIGHUP ignored when warcorn
     * started"), or "" without one. The suite itself may run under nohup, so the line may name more than the
     * test's own wrapper ignored.
     */
    private static String ignoredAtStart(Warcorn w) {
        return w.output().lines().filter(l -> l.contains(" ignored when warcorn started")).findFirst().orElse("");
    }
}
