package dev.warcorn.launcher.process;

import dev.warcorn.posix.Libc;
import dev.warcorn.posix.OpenFileLimit;
import dev.warcorn.posix.PosixException;

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
 * that calls an upstream, up to N more, beside its own files. When the hard limit is lower than that, the
 * master raises both limits to what is needed (at most /proc/sys/fs/nr_open) before it drops privileges,
 * as nginx's {@code worker_rlimit_nofile} does, and says so; a master without CAP_SYS_RESOURCE (not root,
 * or root in a restricted container) cannot, and says what to change instead.
 *
 * <p>The listen backlog: {@code listen()} cuts a backlog above {@code net.core.somaxconn} to that value
 * without an error, so a raised {@code --backlog} may not take effect.
 */
public final class OsLimits {
    /** Descriptors a worker holds beside its connections: jars, logs, pipes, epoll, the JVM's own. */
    static final int WORKER_BASE_FDS = 256;
    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");
    private static final Path NR_OPEN = Path.of("/proc/sys/fs/nr_open");

    private OsLimits() {}

    /** A line for the master's log. */
    public record Finding(boolean warning, String message) {
        static Finding info(String message) {
            return new Finding(false, message);
        }

        static Finding warn(String message) {
            return new Finding(true, message);
        }
    }

    /** Sets the soft and hard open-file limit; returns null, or why it could not. */
    interface Raise {
        String to(long limit);
    }

    /** Raises the open-file limit where it falls short and may be raised; what to log, nothing when a limit cannot be read. */
    public static List<Finding> apply(int workerConnections, int backlog) {
        return apply(workerConnections, backlog, hardOpenFiles(), longIn(NR_OPEN), somaxconn(), limit -> {
            try {
                Libc.setrlimit(Libc.RLIMIT_NOFILE, limit, limit);
                return null;
            } catch (PosixException e) {
                return e.getMessage();
            }
        });
    }

    static List<Finding> apply(int workerConnections, int backlog, OptionalLong hardOpenFiles, OptionalLong nrOpen,
                               OptionalLong somaxconn, Raise raise) {
        List<Finding> findings = new ArrayList<>();
        long needed = 2L * workerConnections + WORKER_BASE_FDS;
        String need = "worker-connections=" + workerConnections + " needs up to " + needed
                + " open files per worker (a client connection and an upstream one per request in flight, and "
                + WORKER_BASE_FDS + " more)";
        String how = "raise it (ulimit -Hn, LimitNOFILE= under systemd, nofile in /etc/security/limits.conf) or lower --worker-connections";
        if (hardOpenFiles.isPresent() && hardOpenFiles.getAsLong() < needed) {
            long hard = hardOpenFiles.getAsLong();
            long target = Math.min(needed, nrOpen.orElse(needed));
            String failed = target > hard ? raise.to(target) : "the kernel allows no more (fs.nr_open=" + target + ")";
            if (failed == null && target == needed) {
                findings.add(Finding.info("Raised the open-file limit from " + hard + " to " + needed + ": " + need));
            } else if (failed == null) {
                findings.add(Finding.warn(need + ", but the kernel allows " + target + " (fs.nr_open), to which the limit was raised from "
                        + hard + "; connections past it are refused: raise fs.nr_open (sysctl -w fs.nr_open=" + needed
                        + ") or lower --worker-connections"));
            } else {
                findings.add(Finding.warn(need + ", but the hard limit is " + hard + " and raising it failed (" + failed
                        + "); connections past it are refused: " + how));
            }
        }
        if (somaxconn.isPresent() && backlog > somaxconn.getAsLong())
            findings.add(Finding.warn("backlog=" + backlog + " is cut to " + somaxconn.getAsLong() + " by the kernel (net.core.somaxconn):"
                    + " raise it with sysctl -w net.core.somaxconn=" + backlog + " for the longer accept queue to take effect"));
        return findings;
    }

    /** The hard RLIMIT_NOFILE; empty when unlimited or unreadable: nothing to say. */
    static OptionalLong hardOpenFiles() {
        return OpenFileLimit.read().filter(l -> l.hard() != OpenFileLimit.UNLIMITED)
                .map(l -> OptionalLong.of(l.hard())).orElse(OptionalLong.empty());
    }

    static OptionalLong somaxconn() {
        return longIn(SOMAXCONN);
    }

    static OptionalLong longIn(Path procSys) {
        try {
            // By lines: Files.readString and readAllBytes read a /proc/sys file 1 byte first, and the
            // kernel ends the file after that short read ("4" for 4096).
            return OptionalLong.of(Long.parseLong(Files.readAllLines(procSys).getFirst().strip()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
