package dev.warcorn.launcher.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Kernel limits that silently cap what the settings ask for, checked once at start so the log says so.
 *
 * <p>Open files: every JVM raises its soft RLIMIT_NOFILE to the hard limit as it starts (HotSpot's
 * {@code MaxFDLimit}, on by default), and the workers inherit the master's, so only the hard limit can
 * fall short; past it a worker cannot accept, and clients see refused or stalled connections. A worker
 * with {@code --worker-connections N} requests in flight holds N client connections and, for an app
 * that calls an upstream, up to N more, beside its own files.
 *
 * <p>The listen backlog: {@code listen()} cuts a backlog above {@code net.core.somaxconn} to that value
 * without an error, so a raised {@code --backlog} may not take effect.
 */
public final class OsLimits {
    /** Descriptors a worker holds beside its connections: jars, logs, pipes, epoll, the JVM's own. */
    static final int WORKER_BASE_FDS = 256;
    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    private OsLimits() {}

    /** Warnings for this machine, none when a limit cannot be read. */
    public static List<String> check(int workerConnections, int backlog) {
        return check(workerConnections, backlog, hardOpenFiles(), somaxconn());
    }

    static List<String> check(int workerConnections, int backlog, OptionalLong hardOpenFiles, OptionalLong somaxconn) {
        List<String> warnings = new ArrayList<>();
        long needed = 2L * workerConnections + WORKER_BASE_FDS;
        if (hardOpenFiles.isPresent() && hardOpenFiles.getAsLong() < needed)
            warnings.add("worker-connections=" + workerConnections + " needs up to " + needed
                    + " open files per worker (a client connection and an upstream one per request in flight, and "
                    + WORKER_BASE_FDS + " more), but the hard limit is " + hardOpenFiles.getAsLong()
                    + " and cannot be raised from here; connections past it are refused: raise it (ulimit -Hn, "
                    + "LimitNOFILE= under systemd, nofile in /etc/security/limits.conf) or lower --worker-connections");
        if (somaxconn.isPresent() && backlog > somaxconn.getAsLong())
            warnings.add("backlog=" + backlog + " is cut to " + somaxconn.getAsLong() + " by the kernel (net.core.somaxconn):"
                    + " raise it with sysctl -w net.core.somaxconn=" + backlog + " for the longer accept queue to take effect");
        return warnings;
    }

    /** The hard RLIMIT_NOFILE, from /proc/self/limits ("Max open files  SOFT  HARD  files"). */
    static OptionalLong hardOpenFiles() {
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (!line.startsWith("Max open files")) continue;
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return f[1].equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(f[1]));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unusual /proc: nothing to say
        }
        return OptionalLong.empty();
    }

    static OptionalLong somaxconn() {
        try {
            // By lines: Files.readString and readAllBytes read a /proc/sys file 1 byte first, and the
            // kernel ends the file after that short read ("4" for 4096).
            return OptionalLong.of(Long.parseLong(Files.readAllLines(SOMAXCONN).getFirst().strip()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
