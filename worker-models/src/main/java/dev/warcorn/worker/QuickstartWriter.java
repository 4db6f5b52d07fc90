package dev.warcorn.worker;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.logging.LogLevel;
import dev.warcorn.logging.LogOptions;
import dev.warcorn.logging.ProcessConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The quickstart descriptor written by a JVM of its own when the worker that needs it trains the AOT cache.
 *
 * <p>A cache holds every class its training JVM loaded, and a worker started from it loads them all at start.
 * The first worker of a new WAR both writes the descriptor (Jetty's annotation parser and tag-library scan in a
 * dry run) and trains the cache, so ~200 classes that only the scan uses were loaded by every later worker: about
 * 1 MB of each idle worker's memory (docs/design.md, "Start-up: the AOT cache"). Such a worker now starts this
 * class's {@link #main} with its own JVM options, less the AOT cache's, and the same arguments, waits for it,
 * and then starts from the descriptor like any later worker. Only the training worker pays the second JVM's
 * start; the others write the descriptor in their own JVM as before.
 *
 * <p>The child reads its stdin, a pipe from the worker, and exits when it ends: a worker killed while the child
 * scans (its master gone, {@code --boot-timeout}) leaves nothing behind.
 */
final class QuickstartWriter {
    private static final String TRAINING = "-XX:AOTCacheOutput=";

    private QuickstartWriter() {
    }

    /** Writes the descriptor in a JVM of its own when this JVM trains the AOT cache and the worker would write it. */
    static void beforeTraining(WorkerSpec spec, Logger log) {
        if (spec.quickstart().isEmpty()) return;
        Path xml = spec.quickstart().get();
        // written already, or set aside as unusable (the name dev.warcorn.adapter.Quickstart gives it)
        if (Files.exists(xml) || Files.exists(xml.resolveSibling(xml.getFileName() + ".unusable"))) return;
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (options.stream().noneMatch(o -> o.startsWith(TRAINING))) return;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : options) if (!isAotOption(o)) command.add(o);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), QuickstartWriter.class.getName()));
        command.addAll(spec.toArgs());
        long started = System.nanoTime();
        try {
            // stdin stays a pipe from here (not the listener on fd 0); stdout and stderr are the worker's own
            Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int code = child.waitFor();
            child.getOutputStream().close(); // the child's stdin: its end is gone, this one is not needed either
            if (Files.isRegularFile(xml))
                log.info("Quickstart: wrote {} in {} ms ({} KB) in a JVM of its own (pid {}), so that the scan's classes stay out of "
                        + "the AOT cache this worker trains; this worker and later ones start from it instead of scanning the WAR",
                        xml, (System.nanoTime() - started) / 1_000_000, Files.size(xml) >> 10, child.pid());
            else if (code != 0) log.warn("Quickstart: the JVM that scans the WAR (pid {}) exited with {}", child.pid(), code);
        } catch (IOException e) {
            log.warn("Quickstart: cannot start a JVM to scan the WAR ({}); this worker scans it itself", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The AOT cache's options and logging: the child neither trains nor uses a cache. */
    static boolean isAotOption(String option) {
        return option.startsWith("-XX:AOT") || option.startsWith("-Xlog:aot") || option.startsWith("-Xlog:cds");
    }

    /** The child: the worker's arguments; writes the descriptor (or sets it aside as unusable) and exits. */
    public static void main(String[] args) {
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the worker writes nothing: read until it goes
                }
            } catch (IOException ignored) {
                // the same as an end
            }
            Runtime.getRuntime().halt(1);
        });
        WorkerSpec spec = WorkerSpec.fromArgs(args);
        ProcessConverter.worker(spec.slot());
        // warnings only: the worker logs the outcome, and its own start says the rest ("Container parts: …")
        LogOptions o = spec.logging();
        String loggingProblem = WorkerMain.configureLogging(new LogOptions(o.errorLogfile(),
                o.level().compareTo(LogLevel.WARNING) < 0 ? LogLevel.WARNING : o.level(), o.config(), o.json()));
        Logger log = LoggerFactory.getLogger(QuickstartWriter.class);
        if (loggingProblem != null) log.warn("{}; logging to stderr instead", loggingProblem);
        try {
            Files.createDirectories(spec.tmpDir());
            WorkerMain.webAppFactory(spec.environment()).create(spec); // writes the descriptor when missing, starts nothing
        } catch (IOException | BootFailure e) {
            log.warn("Quickstart: cannot scan the WAR here ({}); the worker scans it itself", e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
