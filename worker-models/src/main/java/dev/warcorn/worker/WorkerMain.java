package dev.warcorn.worker;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.StatusMessage;
import dev.warcorn.common.WorkerFds;
import dev.warcorn.common.WorkerSpec;
import dev.warcorn.common.WorkerStats;
import dev.warcorn.logging.LogOptions;
import dev.warcorn.logging.Logging;
import dev.warcorn.logging.ProcessConverter;
import dev.warcorn.posix.AdoptedListener;
import dev.warcorn.posix.Libc;
import dev.warcorn.posix.ProcName;
import dev.warcorn.worker.accesslog.AccessLog;
import dev.warcorn.worker.classes.WorkerClasses;
import dev.warcorn.worker.jetty.JettyWorker;
import dev.warcorn.worker.jvm.GcPressure;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A worker JVM: adopts the listener on fd 0, deploys the WAR with Jetty, tells the master it is ready,
 * beats while its request executor runs, and stops without losing a request on TERM.
 */
public final class WorkerMain {
    private static volatile Logger log;
    /** The --access-logfile writer once boot opened it, for USR1. */
    private static volatile AccessLog accessLog;
    /** The WorkerHooks found on the class path (--worker-classpath), for workerExit. */
    private static volatile List<WorkerHooks> hooks = List.of();
    private static volatile WorkerHooks.Worker self;
    /**
     * From the master's death to this worker's exit, at most (plus the time to be scheduled): orphans
     * must be gone within 2 s on a busy 2-core machine, where merely noticing can take half a second.
     */
    private static final Duration ORPHAN_STOP = Duration.ofMillis(500);
    /** How often the worker sends its figures (StatusMessage.Stats); ctl top refreshes at this pace. */
    private static final Duration STATS_EVERY = Duration.ofSeconds(1);
    /** The link to the master once the worker is ready, for the last stats line at stop. */
    private static volatile MasterLink master;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        long mainAt = System.nanoTime(); // the boot's part after the JVM's own start, on this JVM's monotonic clock
        WorkerOutput.keep();
        refuseWithoutListener(); // a worker started by hand has no pipe on fd 3 either: say so, exit 3
        // Before logging and Jetty boot, which take seconds on a busy machine: a worker whose master dies
        // while it boots must go too.
        MasterLink master = new MasterLink();
        JettyWorker[] jetty = new JettyWorker[1];
        master.watch(() -> orphaned(jetty[0]), ORPHAN_STOP, command -> command(command, jetty, master));
        WorkerSpec spec = WorkerSpec.fromArgs(args);
        if (spec.spare()) ProcessConverter.spare(spec.slot());
        else ProcessConverter.worker(spec.slot());
        String loggingProblem = configureLogging(spec.logging());
        log = LoggerFactory.getLogger(WorkerMain.class);
        if (loggingProblem != null) log.warn("{}; logging to stderr instead", loggingProblem);
        nameProcess(spec.procName());
        installSignals(jetty);
        try {
            jetty[0] = boot(spec, () -> master.send(new StatusMessage.Recycle(spec.maxRequests())));
        } catch (BootFailure f) {
            log.error("failed to boot: {}", f.getMessage());
            master.send(new StatusMessage.Failed(f.code(), f.getMessage()));
            System.exit(f.code().code());
        }
        master.send(new StatusMessage.Ready(Duration.ofNanos(System.nanoTime() - mainAt).toMillis()));
        reportStats(jetty[0], master);
        beat(jetty[0], master, spec);
    }

    /**
     * First of all: a worker serves only the master's socket on fd 0. Without it Jetty would quietly bind
     * a port of its own, so a worker started by hand (or by a broken spawn) stops here, exit 3.
     */
    private static void refuseWithoutListener() {
        Channel inherited;
        try {
            inherited = System.inheritedChannel();
        } catch (IOException e) {
            inherited = null;
        }
        if (inherited instanceof ServerSocketChannel) return;
        System.err.println("warcorn worker: fd 0 is not a listening socket (" + inherited
                + "); workers are started by the warcorn master, not by hand");
        System.exit(ExitCode.WORKER_BOOT_ERROR.code());
    }

    /** The master's other listening sockets (several --bind), placed at fds 7 and up. */
    private static List<ServerSocketChannel> extraListeners() throws IOException {
        int n = Integer.parseInt(System.getenv().getOrDefault(WorkerFds.EXTRA_LISTENERS, "0"));
        List<ServerSocketChannel> channels = new ArrayList<>();
        for (int i = 0; i < n; i++) channels.add(AdoptedListener.adopt(WorkerFds.FIRST_EXTRA_LISTENER + i));
        return channels;
    }

    private static JettyWorker boot(WorkerSpec spec, Runnable onMaxRequests) throws BootFailure {
        Channel inherited;
        try {
            inherited = System.inheritedChannel();
        } catch (IOException e) {
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "cannot read the inherited listener on fd 0: " + e.getMessage(), e);
        }
        if (!(inherited instanceof ServerSocketChannel))
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "fd 0 is not a listening socket (" + inherited
                    + "); workers are started by the warcorn master, not by hand", null);
        WorkerClass workerClass;
        try {
            workerClass = WorkerClasses.create(spec.workerClass());
        } catch (IllegalArgumentException e) {
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, e.getMessage(), e);
        }
        try {
            Files.createDirectories(spec.tmpDir());
        } catch (IOException e) {
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "cannot create " + spec.tmpDir() + ": " + e.getMessage(), e);
        }
        QuickstartWriter.beforeTraining(spec, log);
        Handler webapp = webAppFactory(spec.environment()).create(spec);
        boolean unix;
        try {
            unix = ((ServerSocketChannel) inherited).getLocalAddress() instanceof UnixDomainSocketAddress;
        } catch (IOException e) {
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "cannot read the inherited listener's address: " + e.getMessage(), e);
        }
        if (spec.accessLogfile().isPresent()) {
            try {
                accessLog = AccessLog.open(spec.accessLogfile().get(), spec.accessLogformat());
            } catch (IOException e) {
                throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "--access-logfile=" + spec.accessLogfile().get()
                        + ": cannot open for appending (" + e + ")", e);
            } catch (IllegalArgumentException e) { // the master checked the format; only a mismatched installation gets here
                throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "--access-logformat: " + e.getMessage(), e);
            }
        }
        self = new WorkerHooks.Worker(spec.slot(), ProcessHandle.current().pid(),
                ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        hooks = loadHooks();
        JettyWorker jetty;
        try {
            jetty = JettyWorker.build(spec, workerClass, webapp, unix, extraListeners(), WorkerFds.tlsListeners(System.getenv(WorkerFds.TLS_LISTENERS)),
                    accessLog, onMaxRequests, hooks, self, spec.spare());
        } catch (IOException e) {
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "cannot adopt the extra listeners: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) { // a TLS file the master read fine changed since (a renewal half done)
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, e.getMessage(), e);
        }
        jetty.start();
        for (WorkerHooks h : hooks) {
            try {
                h.postWorkerInit(self);
            } catch (Exception e) {
                jetty.stopQuickly(Duration.ZERO);
                throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, h.getClass().getName() + ".postWorkerInit failed: " + BootFailure.rootCause(e), e);
            }
        }
        return jetty;
    }

    /**
     * A line from the master on fd 3. {@code accept SLOT NAME}: this spare takes worker slot SLOT, starts
     * accepting, renames itself and says so ({@code accepting}); on a thread of its own, so the watch for the
     * master's end of file never waits for Jetty. The master sends it only once this spare said ready.
     */
    private static void command(String line, JettyWorker[] jetty, MasterLink master) {
        String[] words = line.split(" ");
        if (words.length != 3 || !words[0].equals("accept") || !words[1].matches("\\d{1,6}") || jetty[0] == null) {
            LoggerFactory.getLogger(WorkerMain.class).warn("unexpected command from the master: {}; ignored", line);
            return;
        }
        int slot = Integer.parseInt(words[1]);
        Thread.ofPlatform().name("take-slot").start(() -> {
            try {
                jetty[0].startAccepting();
            } catch (Exception e) {
                log.error("cannot start accepting as worker={}: {}; exiting so that the master replaces this worker", slot, BootFailure.rootCause(e));
                Libc.exitNow(ExitCode.WORKER_BOOT_ERROR.code());
            }
            master.send(new StatusMessage.Accepting());
            log.info("spare takes slot worker={}: accepting", slot);
            ProcessConverter.worker(slot);
            nameProcess(words[2]);
        });
    }

    /** --proc-name: what ps, top and pgrep call this worker (ProcName says why it is written to /proc). */
    private static void nameProcess(String name) {
        try {
            ProcName.set(name);
        } catch (IOException e) {
            log.warn("cannot set the process name to {} ({}); ps shows it as java", name, e.getMessage());
        }
    }

    /** Every {@link WorkerHooks} on the class path, in class-path order; a broken service entry fails the boot. */
    private static List<WorkerHooks> loadHooks() throws BootFailure {
        try {
            List<WorkerHooks> found = ServiceLoader.load(WorkerHooks.class).stream().map(ServiceLoader.Provider::get).toList();
            for (WorkerHooks h : found) log.info("worker hooks: {}", h.getClass().getName());
            return found;
        } catch (java.util.ServiceConfigurationError e) {
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "cannot load the WorkerHooks listed on --worker-classpath: " + BootFailure.rootCause(e), e);
        }
    }

    /** Gunicorn's worker_exit, for each hook; a failure is logged, the worker exits anyway. */
    private static void workerExit() {
        for (WorkerHooks h : hooks) {
            try {
                h.workerExit(self);
            } catch (RuntimeException e) {
                log.warn("{}.workerExit failed: {}", h.getClass().getName(), e.toString());
            }
        }
    }

    static WebAppFactory webAppFactory(String environment) throws BootFailure {
        for (WebAppFactory f : ServiceLoader.load(WebAppFactory.class))
            if (f.environment().equals(environment)) return f;
        throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "servlet environment " + environment
                + " is not on this worker's class path; the installation is incomplete", null);
    }

    /** Beats while the worker makes progress; a wedged worker goes silent and the master replaces it. */
    private static void beat(JettyWorker jetty, MasterLink master, WorkerSpec spec) {
        Duration every = spec.heartbeat();
        while (true) {
            try {
                if (jetty.progressing(every)) master.send(new StatusMessage.Beat(jetty.requests()));
                jetty.warnSlowRequests(spec.requestTimeoutWarn());
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The figures for the master's metrics and {@code warcorn ctl top}, once a second on a thread of their
     * own (a wedged request executor must not stop them, nor they the heartbeat). The stop paths send a
     * last line after the final request, so the master's totals miss nothing a stopped worker served.
     */
    private static void reportStats(JettyWorker jetty, MasterLink master) {
        WorkerMain.master = master;
        GcPressure gc = new GcPressure(Runtime.getRuntime().maxMemory());
        Thread.ofPlatform().daemon().name("stats").start(() -> {
            while (true) {
                WorkerStats stats = jetty.stats();
                master.send(new StatusMessage.Stats(stats));
                gc.observe(System.nanoTime(), stats.gcMillis(), stats.heapBytes()).ifPresent(m -> log.warn(m));
                try {
                    Thread.sleep(STATS_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Gunicorn's "Worker exiting" line, once Jetty has stopped; the JVM's own output ends with it. */
    private static void exiting(JettyWorker jetty) {
        log.info("exiting after {} requests", jetty.requests());
        WorkerOutput.silenceJvm();
    }

    /** The last figures, once Jetty has stopped. */
    private static void finalStats(JettyWorker jetty) {
        MasterLink m = master;
        if (m != null && jetty != null) m.send(new StatusMessage.Stats(jetty.stats()));
    }

    /**
     * The master's logging options, in this JVM. The master opened the same files and read the same
     * --log-config already, so a failure here is unexpected: it is logged and the worker carries on on stderr.
     */
    static String configureLogging(LogOptions options) {
        try {
            Logging.configure(options);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            try {
                Logging.configure(LogOptions.DEFAULT);
            } catch (IOException impossible) {
                // stderr needs no file
            }
            return e.getMessage();
        }
    }

    /**
     * TERM: zero-loss stop, exit 0. INT: stop at once. USR1: reopen the log files (the JVM's default for
     * USR1 is to die, so the master sends it only once this worker is ready). QUIT stays the JVM's thread dump.
     */
    private static void installSignals(JettyWorker[] jetty) {
        Signal.handle(new Signal("TERM"), s -> Thread.ofPlatform().name("graceful-stop").start(() -> {
            if (jetty[0] != null) {
                log.info("stopping gracefully");
                try {
                    jetty[0].stopGracefully();
                } catch (Exception e) {
                    log.warn("graceful stop failed: {}", BootFailure.rootCause(e));
                }
                finalStats(jetty[0]);
                exiting(jetty[0]);
            }
            workerExit();
            System.exit(ExitCode.OK.code());
        }));
        Signal.handle(new Signal("INT"), s -> Thread.ofPlatform().name("quick-stop").start(() -> {
            if (jetty[0] != null) jetty[0].stopQuickly(Duration.ZERO);
            workerExit();
            finalStats(jetty[0]);
            if (jetty[0] != null) exiting(jetty[0]);
            System.exit(ExitCode.OK.code());
        }));
        Signal.handle(new Signal("USR1"), s -> Thread.ofPlatform().name("reopen-logs").start(() -> {
            Logging.reopen();
            AccessLog access = accessLog;
            if (access != null) access.reopen();
        }));
    }

    /**
     * The master is gone: stop at once, letting requests in flight finish for what is left of
     * {@link #ORPHAN_STOP}. {@link MasterLink#watch} ends the process when this returns or the time is up.
     */
    private static void orphaned(JettyWorker jetty) {
        if (log != null) log.warn("the master is gone; stopping");
        else System.err.println("warcorn worker: the master is gone; stopping");
        if (jetty != null) jetty.stopQuickly(ORPHAN_STOP);
        workerExit();
    }
}
