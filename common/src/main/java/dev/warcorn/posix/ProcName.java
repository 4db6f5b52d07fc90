package dev.warcorn.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process name the kernel keeps ({@code comm}, at most 15 bytes), which {@code ps -o comm}, {@code top}
 * and {@code pgrep} show: {@code NAME-master} and {@code NAME-worker-SLOT}.
 * <p>
 * A process's name is its main thread's, the one whose thread id is the pid. In a JVM that thread is not
 * the one running {@code main} (the java launcher starts {@code main} on a new thread and waits), so
 * {@code prctl(PR_SET_NAME)} from Java would rename only the calling thread. Linux lets a thread write the
 * {@code comm} of any thread of its own process, so this writes {@code /proc/self/task/PID/comm}.
 * The command line ({@code ps -f}, {@code /proc/PID/cmdline}) is left alone: rewriting it would mean
 * writing over the launcher's argv in memory, and warcorn's USR2 upgrade re-runs that command line.
 */
public final class ProcName {
    /** The kernel's limit, TASK_COMM_LEN less the terminating NUL. */
    public static final int MAX = 15;

    private ProcName() {
    }

    public static String master(String prefix) {
        return fit(prefix, "-master");
    }

    public static String worker(String prefix, int slot) {
        return fit(prefix, "-worker-" + slot);
    }

    /** A --spare-workers spare until it takes a slot, then renamed {@link #worker}. */
    public static String spare(String prefix, int spare) {
        return fit(prefix, "-spare-" + spare);
    }

    /** {@code prefix + suffix}, the prefix shortened so that the suffix (the part that tells processes apart) survives. */
    static String fit(String prefix, String suffix) {
        int room = Math.max(1, MAX - suffix.length());
        String name = (prefix.length() > room ? prefix.substring(0, room) : prefix) + suffix;
        return name.length() > MAX ? name.substring(0, MAX) : name;
    }

    /** Renames this process; fails where /proc is not mounted or not writable (some sandboxes). */
    public static void set(String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        Files.writeString(Path.of("/proc/self/task/" + pid + "/comm"), name);
    }
}
