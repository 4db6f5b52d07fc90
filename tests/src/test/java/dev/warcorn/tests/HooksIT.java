package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server hooks, run by the real master: each hook is a script that appends its name and variables to a
 * file, given as an argument (so the test also shows that a hook's value is split into words without a shell).
 */
class HooksIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final List<String> HOOKS = List.of("on-starting", "when-ready", "on-reload", "pre-spawn", "post-worker-ready",
            "worker-exit", "on-exit");

    static final Path WORKER_HOOKS_JAR = Warcorn.EXAMPLES.resolve("worker-hooks/target/worker-hooks.jar");

    @TempDir
    Path tmp;

    private Path recorder() throws IOException {
        Path script = tmp.resolve("record-hook");
        Files.writeString(script, """
                #!/bin/sh
                echo "$WARCORN_HOOK master=$WARCORN_MASTER_PID slot=${WARCORN_WORKER_SLOT-} pid=${WARCORN_WORKER_PID-}\
                 status=${WARCORN_EXIT_STATUS-} signal=${WARCORN_EXIT_SIGNAL-} reason=${WARCORN_REASON-}\
                 code=${WARCORN_EXIT_CODE-} workers=${WARCORN_WORKERS-}" >> "$1"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> of(List<String> lines, String hook) {
        return lines.stream().filter(l -> l.startsWith(hook + " ")).toList();
    }

    @Test
    void every_hook_runs_once_at_its_moment_with_its_variables() throws Exception {
        Path file = tmp.resolve("hooks.log");
        Path script = recorder();
        List<String> args = new ArrayList<>(List.of("-b", "127.0.0.1:0", "-w", "1"));
        for (String h : HOOKS) args.addAll(List.of("--" + h, script + " " + file));
        args.add(Warcorn.HELLO.toString());
        try (Warcorn w = Warcorn.start(args.toArray(String[]::new))) {
            long first = w.awaitReady(1, BOOT).getFirst();
            long master = w.pid();
            Warcorn.poll(BOOT, "when-ready", () -> of(lines(file), "when-ready").size() == 1);
            List<String> atStart = lines(file);
            assertEquals(List.of("on-starting master=" + master + " slot= pid= status= signal= reason= code= workers="),
                    of(atStart, "on-starting"));
            assertEquals("on-starting", atStart.getFirst().split(" ")[0], "on-starting runs first: " + atStart);
            assertEquals(List.of("pre-spawn master=" + master + " slot=0 pid= status= signal= reason= code= workers="), of(atStart, "pre-spawn"));
            assertEquals(List.of("post-worker-ready master=" + master + " slot=0 pid=" + first + " status= signal= reason= code= workers="),
                    of(atStart, "post-worker-ready"));
            assertTrue(of(atStart, "when-ready").getFirst().endsWith("workers=1"), atStart.toString());

            w.signal("HUP");
            Warcorn.poll(BOOT, "the old worker's exit", () -> of(lines(file), "worker-exit").size() == 1);
            long second = w.readyPids().getLast();
            List<String> afterHup = lines(file);
            assertEquals(1, of(afterHup, "on-reload").size(), afterHup.toString());
            assertEquals(2, of(afterHup, "pre-spawn").size(), afterHup.toString());
            assertEquals(List.of("worker-exit master=" + master + " slot=0 pid=" + first + " status=0 signal= reason=stopped code= workers="),
                    of(afterHup, "worker-exit"));
            assertEquals(1, of(afterHup, "when-ready").size(), "when-ready only the first time: " + afterHup);

            w.signal("TERM");
            assertTrue(w.waitForExit(BOOT), w.output());
            assertEquals(0, w.exitCode(), w.output());
            List<String> all = lines(file);
            assertEquals("worker-exit master=" + master + " slot=0 pid=" + second + " status=0 signal= reason=stopped code= workers=",
                    of(all, "worker-exit").getLast());
            assertEquals(List.of("on-exit master=" + master + " slot= pid= status= signal= reason=ok code=0 workers="), of(all, "on-exit"));
            assertTrue(all.getLast().startsWith("on-exit "), "on-exit runs last: " + all);
            for (String h : HOOKS) assertTrue(w.output().contains("hook --" + h + " done in"), h + " logged\n" + w.output());
        }
    }

    @Test
    void a_failing_and_a_hanging_hook_are_logged_and_bounded_and_the_master_carries_on() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", "--hook-timeout", "1",
                "--when-ready", "sh -c 'echo about to fail; exit 3'", "--post-worker-ready", "sleep 600", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            w.await("hook --post-worker-ready=sleep 600 did not finish within 1000 ms and was killed; see --hook-timeout", Duration.ofSeconds(10));
            w.await("hook --when-ready pid=\\d+: about to fail", Duration.ofSeconds(10));
            w.await("hook --when-ready=sh -c 'echo about to fail; exit 3' exited with code 3", Duration.ofSeconds(10));
            assertEquals(200, Http.get(w.port(), "/hello").status());
            w.signal("HUP");
            w.awaitReady(2, BOOT); // the master still replaces workers
            assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").equals("sleep 600")),
                    "the hanging hook was killed");
        }
    }

    @Test
    void a_failing_on_starting_hook_stops_warcorn_with_exit_5_before_it_binds() throws Exception {
        Warcorn w = Warcorn.run(BOOT, "-b", "127.0.0.1:0", "--on-starting", "false", Warcorn.HELLO.toString());
        assertEquals(5, w.exitCode(), w.output());
        assertTrue(w.output().contains("warcorn: on-starting hook exited with code 1"), w.output());
        assertTrue(!w.output().contains("Listening at"), w.output());
    }

    @Test
    void a_hanging_on_starting_hook_stops_warcorn_with_exit_5_after_the_hook_timeout() throws Exception {
        Warcorn w = Warcorn.run(BOOT, "-b", "127.0.0.1:0", "--hook-timeout", "1", "--on-starting", "sleep 600", Warcorn.HELLO.toString());
        assertEquals(5, w.exitCode(), w.output());
        assertTrue(w.output().contains("did not finish within 1000 ms"), w.output());
    }

    @Test
    void worker_hooks_from_the_worker_classpath_run_at_init_around_each_request_and_at_exit() throws Exception {
        Path file = tmp.resolve("worker-hooks.log");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", "--worker-classpath", WORKER_HOOKS_JAR.toString(),
                "--env", "HOOKS_LOG=" + file, Warcorn.HELLO.toString())) {
            long pid = w.awaitReady(1, BOOT).getFirst();
            assertEquals(List.of("postWorkerInit slot=0 pid=" + pid + " master=" + w.pid()), lines(file), "before ready");
            assertEquals(200, Http.get(w.port(), "/hello").status());
            assertEquals(404, Http.get(w.port(), "/nothing-here").status());
            Warcorn.poll(Duration.ofSeconds(10), "two postRequest lines", () -> of(lines(file), "postRequest").size() == 2);
            // postRequest runs as the exchange completes, which may be after the client has its answer and
            // sent the next request: each request's lines are in order, the two requests may interleave.
            List<String> requests = lines(file).subList(1, 5);
            List<String> hello = requests.stream().filter(l -> l.contains(" /hello")).toList();
            List<String> missing = requests.stream().filter(l -> l.contains(" /nothing-here")).toList();
            assertEquals(2, hello.size(), requests.toString());
            assertEquals("preRequest slot=0 GET /hello", hello.get(0), requests.toString());
            assertTrue(hello.get(1).startsWith("postRequest slot=0 GET /hello status=200 ms="), requests.toString());
            assertEquals(2, missing.size(), requests.toString());
            assertEquals("preRequest slot=0 GET /nothing-here", missing.get(0), requests.toString());
            assertTrue(missing.get(1).startsWith("postRequest slot=0 GET /nothing-here status=404 ms="), requests.toString());
            assertEquals("preRequest slot=0 GET /hello", requests.getFirst(), "the first request began first: " + requests);
            w.signal("TERM");
            assertTrue(w.waitForExit(BOOT), w.output());
            assertEquals("workerExit slot=0 pid=" + pid, lines(file).getLast());
            assertTrue(w.output().contains("worker hooks: dev.warcorn.examples.hooks.RecordingHooks"), w.output());
        }
    }
}
