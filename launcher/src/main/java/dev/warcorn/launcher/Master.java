package dev.warcorn.launcher;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.control.ControlPaths;
import dev.warcorn.launcher.control.ControlServer;
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
    private final BuildInfo build;
    private PidFile pidFile;
    private ControlServer control;
    private MetricsServer metrics;
    private StatsdReporter statsd;
    private long newMaster;
    private long lastWatchdog;

    Master(Config config, List<Listener> listeners, Map<String, String> env, BuildInfo build) {
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
            SignalTrap.install(events);
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
            Optional<AotCache> aot = config.optional(Settings.AOT_CACHE).isEmpty() ? Optional.empty()
                    : Optional.of(AotCache.in(config.get(Settings.AOT_CACHE), command));
            var launcher = new ProcessWorkerLauncher(command, listeners.stream().map(Listener::fd).toList(),
                    workerEnvironment(), events, aot);
            ExitCode code = new Supervisor(config, launcher, Clock.SYSTEM, events, reread, MemoryProbe.PROC, new Random(), this).run();
            if (metrics != null) metrics.loopEnded();
            log.info("Shutting down: Master ({})", code);
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
        workerEnv.remove(Upgrade.OLD_MASTER);
        config.all(Settings.ENV).forEach(kv -> workerEnv.put(kv.key(), kv.value()));
        return workerEnv;
    }

    @Override
    public void ready(int workers) {
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
            newMaster = Upgrade.start(listeners.stream().map(Listener::fd).toList());
            log.info("upgrade: started a new master, pid {}, on the same socket; this master keeps serving until it is ready", newMaster);
            if (pidFile != null) pidFile = pidFile.renameTo(pidFile.path().resolveSibling(pidFile.path().getFileName() + ".oldbin"));
            control.handOver();
        } catch (IOException | RuntimeException e) {
            log.error("upgrade failed, this master carries on: {}", e.getMessage());
        }
    }

    private void cleanUp(RunDirectory runDir) {
        try {
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
