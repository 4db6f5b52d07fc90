package dev.warcorn.launcher.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The effective configuration: immutable, validated when built. A reload builds a new one. */
public record Config(Path war, List<Bind> binds, int workers, String workerClass, int threads, int workerConnections,
                     int backlog, Duration timeout, Duration bootTimeout, Duration gracefulTimeout, Duration keepAlive,
                     Optional<Path> pidFile, String contextPath, Optional<String> ee, List<String> jvmOpts,
                     long heapBytes) {

    public Config {
        binds = List.copyOf(binds);
        jvmOpts = List.copyOf(jvmOpts);
        if (binds.isEmpty()) throw new IllegalArgumentException("at least one bind is required");
    }

    /** A copy with another worker count (TTIN, TTOU). */
    public Config withWorkers(int n) {
        return new Config(war, binds, n, workerClass, threads, workerConnections, backlog, timeout, bootTimeout,
                gracefulTimeout, keepAlive, pidFile, contextPath, ee, jvmOpts, heapBytes);
    }
}
