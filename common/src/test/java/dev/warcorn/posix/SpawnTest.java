package dev.warcorn.posix;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpawnTest {
    private static final int F_SETFD = 2;
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    /** What a child wrote to its stdout, and how it ended. */
    record Outcome(String stdout, WaitStatus status) {
    }

    /** Runs {@code /bin/sh -c script} with its stdout on a pipe, plus {@code extra} placements. */
    private static Outcome sh(String script, SortedMap<Integer, Integer> extra) throws IOException {
        int[] pipe = raisedPipe();
        SortedMap<Integer, Integer> placements = new TreeMap<>(extra);
        placements.put(1, pipe[1]);
        int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", script), ENV, placements);
        Libc.close(pipe[1]); // else the read below never sees end of file
        String out;
        try (InputStream in = FdStreams.input(pipe[0])) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Outcome(out, Libc.waitpid(pid));
    }

    private static Outcome sh(String script) throws IOException {
        return sh(script, new TreeMap<>());
    }

    private static int[] raisedPipe() throws PosixException {
        int[] pipe = Libc.pipe();
        return new int[] {Sockets.raise(pipe[0]), Sockets.raise(pipe[1])};
    }

    @Test
    void child_writes_a_line_on_the_fd_it_was_placed_at_and_the_parent_reads_it() throws IOException {
        int[] status = raisedPipe();
        SortedMap<Integer, Integer> placements = new TreeMap<>(Map.of(4, status[1]));
        int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", "echo ready 42 >&4"), ENV, placements);
        Libc.close(status[1]);
        try (InputStream in = FdStreams.input(status[0])) {
            assertEquals("ready 42\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(WaitStatus.exited(0), Libc.waitpid(pid));
    }

    @Test
    void waitpid_reports_the_childs_exit_code() throws IOException {
        WaitStatus status = sh("exit 7").status();
        assertEquals(7, status.exitCode());
        assertFalse(status.signalled());
        assertEquals("exited with code 7", status.toString());
    }

    @Test
    void waitpid_reports_a_child_killed_by_a_signal() throws IOException {
        WaitStatus status = sh("kill -9 $$").status();
        assertTrue(status.signalled());
        assertEquals(Libc.SIGKILL, status.signal());
        assertEquals("killed by signal 9 (SIGKILL)", status.toString());
    }

    @Test
    void child_gets_exactly_the_arguments_and_environment_given() throws IOException {
        int[] pipe = raisedPipe();
        int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", "echo \"$0|$1|$FOO|${HOME-unset}\"", "zéro", "one two"),
                Map.of("FOO", "bar baz"), new TreeMap<>(Map.of(1, pipe[1])));
        Libc.close(pipe[1]);
        try (InputStream in = FdStreams.input(pipe[0])) {
            assertEquals("zéro|one two|bar baz|unset\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(WaitStatus.exited(0), Libc.waitpid(pid));
    }

    @Test
    void child_sees_only_the_standard_fds_and_the_placed_ones() throws IOException {
        int[] fromMaster = raisedPipe();
        int[] toMaster = raisedPipe();
        int[] unplaced = raisedPipe(); // open in the parent, must not reach the child
        try {
            // the worker's layout: fds 3 and 4 placed (the JVM's own fd 3, lib/modules, is not close-on-exec);
            // ls runs in a child of the shell and lists the shell's fds, so its own directory fd is not counted
            Outcome o = sh("ls /proc/$$/fd; true", new TreeMap<>(Map.of(3, fromMaster[0], 4, toMaster[1])));
            assertEquals(WaitStatus.exited(0), o.status());
            assertEquals(List.of("0", "1", "2", "3", "4"), o.stdout().lines().sorted().toList());
        } finally {
            for (int fd : new int[] {fromMaster[0], fromMaster[1], toMaster[0], toMaster[1], unplaced[0], unplaced[1]}) Libc.close(fd);
        }
    }

    @Test
    void a_placed_fd_is_the_parents_fd_not_whatever_the_child_had_at_that_number() throws IOException {
        int[] fromMaster = raisedPipe();
        try (var out = FdStreams.output(fromMaster[1])) {
            out.write("from master\n".getBytes(StandardCharsets.UTF_8));
        }
        try {
            Outcome o = sh("read line <&3; echo \"got $line\"", new TreeMap<>(Map.of(3, fromMaster[0])));
            assertEquals("got from master\n", o.stdout());
        } finally {
            Libc.close(fromMaster[0]);
        }
    }

    @Test
    void an_fd_above_the_placed_ones_is_closed_in_the_child_even_without_close_on_exec() throws IOException {
        int[] pipe = raisedPipe();
        int inheritable = Libc.dupCloexec(pipe[0], 7);
        try {
            assertTrue(inheritable >= 7);
            clearCloseOnExec(inheritable);
            Outcome o = sh("[ -e /proc/$$/fd/" + inheritable + " ] && echo open || echo closed");
            assertEquals("closed\n", o.stdout());
        } finally {
            Libc.close(inheritable);
            Libc.close(pipe[0]);
            Libc.close(pipe[1]);
        }
    }

    @Test
    void child_starts_with_an_empty_signal_mask_although_the_spawning_jvm_thread_blocks_signals() throws IOException {
        String parentMask = statusField(Files.readAllLines(Path.of("/proc/thread-self/status")), "SigBlk");
        assertNotEquals(0L, Long.parseLong(parentMask, 16), "this JVM thread blocks no signal; the test proves nothing");
        Outcome o = sh("grep -E '^(SigBlk|SigIgn):' /proc/self/status");
        assertEquals(0L, Long.parseLong(statusField(o.stdout().lines().toList(), "SigBlk"), 16), o.stdout());
        // 1 to 31 only: glibc's posix_spawn itself leaves its internal signals 32 and 33 ignored in every child
        long ignoredStandard = Long.parseLong(statusField(o.stdout().lines().toList(), "SigIgn"), 16) & 0x7fffffffL;
        assertEquals(0L, ignoredStandard, o.stdout());
    }

    /**
     * A master started under nohup, or as a script's background job, has HUP or INT and QUIT ignored, and an
     * ignored disposition survives exec: without POSIX_SPAWN_SETSIGDEF naming them, a worker would start
     * with them ignored (no thread dump on QUIT, and for HUP, INT and TERM a JVM that leaves them ignored).
     */
    @Test
    void child_starts_with_default_dispositions_although_the_parent_ignores_the_signals_warcorn_uses() throws Throwable {
        int[] signals = {Libc.SIGHUP, Libc.SIGINT, Libc.SIGQUIT, Libc.SIGUSR1, Libc.SIGUSR2, Libc.SIGTERM,
            Libc.SIGTTIN, Libc.SIGTTOU, Libc.SIGWINCH};
        MethodHandle sigaction = Libc.function("sigaction", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), false);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment[] saved = new MemorySegment[signals.length];
            for (int i = 0; i < signals.length; i++) { // this JVM's own handlers (QUIT's thread dump, TERM's exit), put back below
                saved[i] = a.allocate(256, 8);
                assertEquals(0, (int) sigaction.invokeExact(signals[i], MemorySegment.NULL, saved[i]));
            }
            Outcome o;
            try {
                for (int signal : signals) Libc.ignore(signal);
                long parentIgnored = Long.parseLong(statusField(Files.readAllLines(Path.of("/proc/self/status")), "SigIgn"), 16);
                for (int signal : signals) assertTrue((parentIgnored & bit(signal)) != 0, Signals.name(signal) + " is not ignored in the parent; the test proves nothing");
                o = sh("grep -E '^SigIgn:' /proc/self/status");
            } finally {
                for (int i = 0; i < signals.length; i++) assertEquals(0, (int) sigaction.invokeExact(signals[i], saved[i], MemorySegment.NULL));
            }
            long childIgnored = Long.parseLong(statusField(o.stdout().lines().toList(), "SigIgn"), 16);
            for (int signal : signals) assertEquals(0L, childIgnored & bit(signal), Signals.name(signal) + " ignored in the child: " + o.stdout());
        }
    }

    private static long bit(int signal) {
        return 1L << (signal - 1);
    }

    @Test
    void spawning_a_missing_executable_fails_naming_it() {
        PosixException e = assertThrows(PosixException.class,
                () -> Spawn.spawn("/no/such/java", List.of("java"), ENV, new TreeMap<>()));
        assertEquals("posix_spawn /no/such/java: no such file or directory", e.getMessage());
    }

    private static String statusField(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name + ":")).findFirst()
                .map(l -> l.substring(name.length() + 1).strip())
                .orElseThrow(() -> new AssertionError("no " + name + " in " + lines));
    }

    /** {@code fcntl(fd, F_SETFD, 0)}: Libc offers no way to make an fd inheritable, since warcorn never needs one. */
    private static void clearCloseOnExec(int fd) {
        MethodHandle fcntl = Libc.function("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), false);
        try {
            assertEquals(0, (int) fcntl.invokeExact(fd, F_SETFD, 0));
        } catch (Throwable t) {
            throw new AssertionError("fcntl F_SETFD", t);
        }
        assertFalse(SocketsTest.isCloseOnExec(fd));
    }
}
