package dev.warcorn.launcher.process;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.launcher.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of a worker JVM. {@code ps} shows the main class, the slot and the WAR, so workers
 * can be told apart from the master and from each other.
 */
public record WorkerCommand(Path java, List<Path> classPath, Config config, String environment, Path runDir) {
    public static final String MAIN_CLASS = "dev.warcorn.worker.WorkerMain";

    /**
     * Flags every worker gets before the user's {@code --jvm-opt}s (which therefore win): a bounded heap
     * because N workers multiply it; the serial collector and compact object headers, which measured
     * about 30 MB less per idle worker than the defaults (docs/design.md); exit on OutOfMemoryError so
     * the master replaces the worker instead of leaving it half-alive.
     */
    List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(List.of(
                "-Xmx" + (config.heapBytes() >> 20) + "m",
                "-XX:+UseSerialGC",
                "-XX:+UseCompactObjectHeaders",
                "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED"));
        flags.addAll(config.jvmOpts());
        return flags;
    }

    public WorkerSpec spec(int slot, int generation) {
        return new WorkerSpec(slot, config.war().toAbsolutePath(), environment, config.contextPath(), config.workerClass(),
                config.threads(), config.workerConnections(), config.gracefulTimeout(), config.keepAlive(),
                runDir.resolve("worker-" + slot + "-" + generation), heartbeat(config.timeout()));
    }

    /** Beat often enough that two missed beats still fit in --timeout (and every 2 s when it is off). */
    static Duration heartbeat(Duration timeout) {
        if (timeout.isZero()) return Duration.ofSeconds(2);
        return Duration.ofMillis(Math.max(200, Math.min(2000, timeout.toMillis() / 4)));
    }

    public List<String> argv(int slot, int generation) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmFlags());
        argv.add("-cp");
        argv.add(classPath.stream().map(Path::toString).collect(Collectors.joining(":")));
        argv.add(MAIN_CLASS);
        argv.addAll(spec(slot, generation).toArgs());
        return argv;
    }
}
