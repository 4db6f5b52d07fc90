package dev.warcorn.launcher;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.control.ControlPaths;
import dev.warcorn.launcher.control.ControlServer;
import dev.warcorn.launcher.hooks.Hooks;
import dev.warcorn.launcher.metrics.BuildInfo;
import dev.warcorn.launcher.metrics.MetricsServer;
import dev.warcorn.launcher.metrics.StatsdReporter;
import dev.warcorn.launcher.process.AotCache;
import dev.warcorn.launcher.process.Listener;
import dev.warcorn.launcher.process.PidFile;
import dev.warcorn.launcher.process.ProcessWorkerLauncher;
import dev.warcorn.launcher.process.RunDirectory;
import dev.warcorn.launcher.process.SignalTrap;
import dev.warcorn.launcher.process.Upgrade;
import dev.warcorn.launcher.reload.ChangeWatcher;
import dev.warcorn.launcher.process.WorkerCommand;
import dev.warcorn.launcher.supervisor.Clock;
import dev.warcorn.launcher.supervisor.ConfigSource;
import dev.warcorn.launcher.supervisor.Event;
import dev.warcorn.launcher.supervisor.Lifecycle;
import dev.warcorn.launcher.supervisor.MemoryProbe;
import dev.warcorn.launcher.supervisor.Supervisor;
import dev.warcorn.logging.Logging;
import dev.warcorn.posix.Libc;
import dev.warcorn.posix.SocketActivation;
import dev.warcorn.posix.SystemdNotify;
import dev.warcorn.posix.WaitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A running master, from its listener to its exit: the pid file, the run directory, the control socket,
 * the supervisor, and what the supervisor tells the outside world (systemd, an old master).
 */
final class Master implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(Master.class);

    private final Config config;
    private final List<Listener> listeners;
    /** The first listener: the workers' fd 0, the one named in status lines and the default control socket. */
    private final Listener listener;
    private final Map<String, String> env;
    private final Optional<SystemdNotify> systemd;
    private final Optional<Duration> watchdog;
    private final OptionalLong oldMaster;
    private final Hooks hooks;
    private boolean whenReadyRun;
    private final BuildInfo build;
    private PidFile pidFile;
    private ChangeWatcher watcher;
    private ControlServer control;
    private MetricsServer metrics;
    private StatsdReporter statsd;
    private long newMaster;
    private long lastWatchdog;

    Master(Config config, List<Listener> listeners, Map<String, String> env, Hooks hooks, BuildInfo build) {
        this.hooks = hooks;
        this.config = config;
        this.build = build;
        this.listeners = List.copyOf(listeners);
        this.listener = listeners.getFirst();
        this.env = env;
        this.systemd = SystemdNotify.fromEnvironment(env);
        this.watchdog = SystemdNotify.watchdogInterval(env, ProcessHandle.current().pid());
        this.oldMaster = Upgrade.oldMaster(env);
    }

    ExitCode run(WorkerCommand.Factory commands, ConfigSource reread) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        RunDirectory runDir = null;
        try {
            if (config.optional(Settings.PID).isPresent()) pidFile = PidFile.write(config.get(Settings.PID), pid);
            runDir = RunDirectory.create();
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            List<String> wereIgnored = SignalTrap.install(events);
            if (!wereIgnored.isEmpty())
                log.info("SIG{} ignored when warcorn started (nohup, or a background job of a script); handling {} anyway",
                        String.join(", SIG", wereIgnored), wereIgnored.size() == 1 ? "it" : "them");
            Path controlPath = config.optional(Settings.CONTROL_SOCKET).orElseGet(() -> config.optional(Settings.PID)
                    .map(ControlPaths::besidePidFile).orElseGet(() -> ControlPaths.forPort(listener.port())));
            if (oldMaster.isPresent()) Files.deleteIfExists(controlPath); // taken over from the old master
            control = ControlServer.start(controlPath, events);
            log.info("Control socket: {} (warcorn ctl -s {} status)", controlPath, controlPath);
            if (config.optional(Settings.METRICS_BIND).isPresent()) {
                metrics = MetricsServer.start(config.get(Settings.METRICS_BIND), events, build);
                log.info("Metrics at: {} (and /healthz, /readyz)", metrics.url());
            }
            if (config.optional(Settings.STATSD_HOST).isPresent()) {
                statsd = StatsdReporter.start(config.get(Settings.STATSD_HOST), config.optional(Settings.STATSD_PREFIX).orElse(""),
                        () -> MetricsServer.ask(events));
                log.info("Sending statsd metrics to {} every second", config.get(Settings.STATSD_HOST));
            }
            WorkerCommand command = commands.create(runDir.path());
            Optional<AotCache> aot = AotCache.open(config.get(Settings.AOT_CACHE), System.getenv(), command);
            if (config.get(Settings.RELOAD)) {
                List<Path> watched = new java.util.ArrayList<>(List.of(config.war()));
                watched.addAll(config.all(Settings.RELOAD_EXTRA_FILE));
                watcher = ChangeWatcher.start(watched, events);
            }
            var launcher = new ProcessWorkerLauncher(command, listeners,
                    workerEnvironment(), events, aot);
            ExitCode code = new Supervisor(config, launcher, Clock.SYSTEM, events, reread, MemoryProbe.PROC, new Random(), this).run();
            if (metrics != null) metrics.loopEnded();
            log.info("Shutting down: Master ({})", code);
            hooks.close(); // the last workers' --worker-exit before --on-exit
            hooks.run(Settings.ON_EXIT, Map.of("WARCORN_EXIT_CODE", String.valueOf(code.code()), "WARCORN_REASON", code.name().toLowerCase()));
            return code;
        } finally {
            cleanUp(runDir);
        }
    }

    /** Workers get the master's environment less what systemd and an upgrade meant for the master alone, plus --env. */
    private Map<String, String> workerEnvironment() {
        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.keySet().removeAll(SocketActivation.VARIABLES);
        workerEnv.keySet().removeAll(SystemdNotify.VARIABLES);
        workerEnv.remove(Listener.INHERITED_FD);
        workerEnv.remove(Listener.INHERITED_INSECURE_FDS);
        workerEnv.remove(Upgrade.OLD_MASTER);
        workerEnv.remove(AotCache.MASTER_RECORD);
        config.all(Settings.ENV).forEach(kv -> workerEnv.put(kv.key(), kv.value()));
        return workerEnv;
    }

    @Override
    public void ready(int workers) {
        if (!whenReadyRun) { // the first time only: later ready moments are reloads and scaling
            whenReadyRun = true;
            AotCache.masterServed(System.getenv());
            hooks.post(Settings.WHEN_READY, Map.of("WARCORN_WORKERS", String.valueOf(workers),
                    "WARCORN_LISTENERS", listeners.stream().map(Listener::url).collect(java.util.stream.Collectors.joining(" "))));
        }
        String at = listeners.stream().map(Listener::url).collect(java.util.stream.Collectors.joining(", "));
        systemd.ifPresent(s -> s.ready(workers + " worker" + (workers == 1 ? "" : "s") + " ready, listening at " + at));
        if (oldMaster.isPresent() && oldMaster.getAsLong() > 0) {
            log.info("upgrade: new workers ready; telling the old master {} to stop its workers (send it TERM to end it)", oldMaster.getAsLong());
            Libc.kill(oldMaster.getAsLong(), Libc.SIGWINCH);
        }
    }

    @Override
    public void reloading() {
        systemd.ifPresent(SystemdNotify::reloading);
        hooks.post(Settings.ON_RELOAD, Map.of());
    }

    @Override
    public void workerSpawning(int slot, long replaces) {
        Map<String, String> v = Hooks.worker(slot, 0);
        if (replaces != 0) v.put("WARCORN_REPLACES_PID", String.valueOf(replaces));
        hooks.post(Settings.PRE_SPAWN, v);
    }

    @Override
    public void workerReady(int slot, long pid, long bootMillis) {
        Map<String, String> v = Hooks.worker(slot, pid);
        v.put("WARCORN_BOOT_MILLIS", String.valueOf(bootMillis));
        hooks.post(Settings.POST_WORKER_READY, v);
    }

    @Override
    public void workerExited(int slot, long pid, WaitStatus status, String reason) {
        Map<String, String> v = Hooks.worker(slot, pid);
        if (status.signalled()) v.put("WARCORN_EXIT_SIGNAL", dev.warcorn.posix.Signals.name(status.signal()));
        else v.put("WARCORN_EXIT_STATUS", String.valueOf(status.exitCode()));
        v.put("WARCORN_REASON", reason);
        hooks.post(Settings.WORKER_EXIT, v);
    }

    @Override
    public void stopping() {
        systemd.ifPresent(SystemdNotify::stopping);
    }

    @Override
    public void alive() {
        if (systemd.isEmpty() || watchdog.isEmpty()) return;
        long now = System.nanoTime();
        if (now - lastWatchdog < watchdog.get().toNanos() / 2) return;
        lastWatchdog = now;
        systemd.get().watchdog();
    }

    @Override
    public void reopenLogs() {
        Logging.reopen();
    }

    @Override
    public void upgrade() {
        if (newMaster != 0 && ProcessHandle.of(newMaster).map(ProcessHandle::isAlive).orElse(false)) {
            log.warn("SIGUSR2 ignored: the new master {} is still running", newMaster);
            return;
        }
        try {
            newMaster = Upgrade.start(listeners);
            log.info("upgrade: started a new master, pid {}, on the same socket; this master keeps serving until it is ready", newMaster);
            if (pidFile != null) pidFile = pidFile.renameTo(pidFile.path().resolveSibling(pidFile.path().getFileName() + ".oldbin"));
            control.handOver();
        } catch (IOException | RuntimeException e) {
            log.error("upgrade failed, this master carries on: {}", e.getMessage());
        }
    }

    private void cleanUp(RunDirectory runDir) {
        try {
            if (watcher != null) watcher.close();
            if (metrics != null) metrics.close();
            if (statsd != null) statsd.close();
            if (control != null) control.close();
            if (pidFile != null) pidFile.remove();
            if (runDir != null) runDir.delete();
            if (newMaster == 0) for (Listener l : listeners) l.close(); // after an upgrade the socket file is the new master's
        } catch (IOException e) {
            log.warn("clean-up after stop incomplete: {}", e.getMessage());
        }
    }
}
