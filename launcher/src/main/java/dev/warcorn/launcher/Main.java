package dev.warcorn.launcher;

import dev.warcorn.common.ExitCode;
import dev.warcorn.detect.Detection;
import dev.warcorn.detect.EeDetector;
import dev.warcorn.detect.EnvironmentMismatchException;
import dev.warcorn.detect.ServletEnvironment;
import dev.warcorn.launcher.cli.CommandLine;
import dev.warcorn.launcher.config.Bind;
import dev.warcorn.launcher.control.ControlClient;
import dev.warcorn.launcher.control.ControlPaths;
import dev.warcorn.launcher.control.ControlServer;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.process.Home;
import dev.warcorn.launcher.process.PidFile;
import dev.warcorn.launcher.process.ProcessWorkerLauncher;
import dev.warcorn.launcher.process.RunDirectory;
import dev.warcorn.launcher.process.SignalTrap;
import dev.warcorn.launcher.process.WorkerClassCheck;
import dev.warcorn.launcher.process.WorkerCommand;
import dev.warcorn.launcher.supervisor.Clock;
import dev.warcorn.launcher.supervisor.Event;
import dev.warcorn.launcher.supervisor.MemoryProbe;
import dev.warcorn.launcher.supervisor.Supervisor;
import dev.warcorn.posix.PosixException;
import dev.warcorn.posix.Sockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The master: checks everything it can before any worker starts (options, the WAR, the bind), then
 * hands over to the {@link Supervisor} and exits with its code.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** A failure found before any worker started: printed as one line, then exit. */
    private static final class StartupError extends Exception {
        final ExitCode code;

        StartupError(ExitCode code, String message) {
            super(message);
            this.code = code;
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args).code());
    }

    static ExitCode run(String[] args) {
        if (args.length > 0 && args[0].equals("ctl")) return ControlClient.run(List.of(args).subList(1, args.length));
        Config config;
        CommandLine.Mode mode;
        switch (CommandLine.parse(args)) {
            case CommandLine.Outcome.Exit exit -> {
                (exit.code() == ExitCode.OK ? System.out : System.err).println(exit.text().stripTrailing());
                return exit.code();
            }
            case CommandLine.Outcome.Run run -> {
                config = run.config();
                mode = run.mode();
            }
        }
        try {
            return switch (mode) {
                case PRINT -> {
                    System.out.print(CommandLine.describe(config));
                    yield ExitCode.OK;
                }
                case CHECK -> check(config);
                case SERVE -> serve(config, args);
            };
        } catch (StartupError e) {
            System.err.println("warcorn: " + e.getMessage());
            return e.code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.ERROR;
        }
    }

    /** --check-config: everything serve checks before it binds. */
    private static ExitCode check(Config config) throws StartupError {
        Detection detection = detect(config);
        workerClassPath(config, locateHome(), detection);
        System.out.println("warcorn: configuration OK; " + config.war() + " runs on " + detection.environment().id()
                + " (" + detection.reason() + ")");
        return ExitCode.OK;
    }

    private static List<Path> workerClassPath(Config config, Home home, Detection detection) throws StartupError {
        try {
            List<Path> classPath = home.workerClassPath(detection.environment().id());
            List<Path> all = new ArrayList<>(classPath);
            all.addAll(config.all(Settings.WORKER_CLASSPATH));
            Optional<String> problem = WorkerClassCheck.problem(config.get(Settings.WORKER_CLASS), all);
            if (problem.isPresent()) throw new StartupError(ExitCode.USAGE, problem.get());
            return classPath;
        } catch (IOException e) {
            throw new StartupError(ExitCode.ERROR, e.getMessage());
        }
    }

    private static ExitCode serve(Config config, String[] args) throws StartupError, InterruptedException {
        Detection detection = detect(config);
        Home home = locateHome();
        List<Path> classPath = workerClassPath(config, home, detection);
        int listener = bind(config);
        InetSocketAddress local = localAddress(listener);
        long pid = ProcessHandle.current().pid();
        log.info("Starting warcorn {}", CommandLine.spec().version()[0].replace("warcorn ", ""));
        log.info("Listening at: http://{} ({})", hostPort(local), pid);
        log.info("Using worker class: {}; servlet environment {} ({})", config.get(Settings.WORKER_CLASS), detection.environment().id(), detection.reason());

        PidFile pidFile = null;
        RunDirectory runDir = null;
        ControlServer control = null;
        try {
            if (config.optional(Settings.PID).isPresent()) pidFile = PidFile.write(config.get(Settings.PID), pid);
            runDir = RunDirectory.create();
            WorkerCommand command = new WorkerCommand(Path.of(System.getProperty("java.home"), "bin", "java"),
                    classPath, config, detection.environment().id(), runDir.path());
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            SignalTrap.install(events);
            Path controlPath = config.optional(Settings.CONTROL_SOCKET).orElseGet(() -> config.optional(Settings.PID)
                    .map(ControlPaths::besidePidFile).orElseGet(() -> ControlPaths.forPort(local.getPort())));
            control = ControlServer.start(controlPath, events);
            log.info("Control socket: {} (warcorn ctl -s {} status)", controlPath, controlPath);
            var launcher = new ProcessWorkerLauncher(command, listener, workerEnvironment(config), events);
            ExitCode code = new Supervisor(config, launcher, Clock.SYSTEM, events, () -> reread(args), MemoryProbe.PROC,
                    new java.util.Random()).run();
            log.info("Shutting down: Master ({})", code);
            return code;
        } catch (IOException e) {
            throw new StartupError(ExitCode.ERROR, e.getMessage());
        } finally {
            cleanUp(pidFile, runDir, control);
        }
    }

    /** HUP: the same command line, with the environment and config file read again. */
    private static Config reread(String[] args) throws ConfigException {
        return switch (CommandLine.parse(args)) {
            case CommandLine.Outcome.Run run -> run.config();
            case CommandLine.Outcome.Exit exit -> throw new ConfigException(exit.text().replace("warcorn: ", ""));
        };
    }

    private static Detection detect(Config config) throws StartupError {
        Path war = config.war();
        if (!Files.exists(war))
            throw new StartupError(ExitCode.USAGE, "WAR " + war + ": no such file or directory; give the path of a .war file or an exploded WAR directory");
        if (!Files.isReadable(war))
            throw new StartupError(ExitCode.USAGE, "WAR " + war + ": not readable by this user; fix its permissions or run warcorn as its owner");
        try {
            ServletEnvironment override = config.optional(Settings.EE).map(ServletEnvironment::parse).orElse(null);
            return EeDetector.resolve(war, override);
        } catch (EnvironmentMismatchException e) {
            throw new StartupError(ExitCode.USAGE, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupError(ExitCode.USAGE, "WAR " + war + ": " + e.getMessage());
        }
    }

    private static Home locateHome() throws StartupError {
        try {
            return Home.locate();
        } catch (IOException e) {
            throw new StartupError(ExitCode.ERROR, e.getMessage());
        }
    }

    private static int bind(Config config) throws StartupError {
        if (config.all(Settings.BIND).size() > 1)
            throw new StartupError(ExitCode.USAGE, "bind: several addresses are not supported yet; give one --bind");
        Bind bind = config.all(Settings.BIND).getFirst();
        try {
            return Sockets.listenTcp(bind.address(), bind.port(), config.get(Settings.BACKLOG), "bind " + bind);
        } catch (ConfigException e) {
            throw new StartupError(ExitCode.USAGE, e.getMessage());
        } catch (PosixException e) {
            throw new StartupError(ExitCode.ERROR, e.getMessage());
        }
    }

    private static InetSocketAddress localAddress(int fd) throws StartupError {
        try {
            return Sockets.localAddress(fd);
        } catch (PosixException e) {
            throw new StartupError(ExitCode.ERROR, e.getMessage());
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Workers get the master's environment less what systemd meant for the master alone, plus --env. */
    private static Map<String, String> workerEnvironment(Config config) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("LISTEN_") || k.equals("NOTIFY_SOCKET") || k.startsWith("WATCHDOG_"));
        config.all(Settings.ENV).forEach(kv -> env.put(kv.key(), kv.value()));
        return env;
    }

    private static void cleanUp(PidFile pidFile, RunDirectory runDir, ControlServer control) {
        try {
            if (control != null) control.close();
            if (pidFile != null) pidFile.remove();
            if (runDir != null) runDir.delete();
        } catch (IOException e) {
            log.warn("clean-up after stop incomplete: {}", e.getMessage());
        }
    }
}
