package dev.warcorn.launcher;

import dev.warcorn.common.ExitCode;
import dev.warcorn.detect.Detection;
import dev.warcorn.detect.EeDetector;
import dev.warcorn.detect.EnvironmentMismatchException;
import dev.warcorn.detect.ServletEnvironment;
import dev.warcorn.launcher.cli.CommandLine;
import dev.warcorn.launcher.control.ControlClient;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.hooks.Hooks;
import dev.warcorn.launcher.process.Home;
import dev.warcorn.launcher.process.Listener;
import dev.warcorn.launcher.process.OsLimits;
import dev.warcorn.posix.PosixException;
import dev.warcorn.posix.ProcName;
import dev.warcorn.posix.Privileges;
import dev.warcorn.launcher.process.WorkerClassCheck;
import dev.warcorn.launcher.process.TlsCheck;
import dev.warcorn.launcher.supervisor.ConfigSource;
import dev.warcorn.launcher.process.WorkerCommand;
import dev.warcorn.logging.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        configureLogging(config);
        nameProcess(ProcName.master(config.get(Settings.PROC_NAME)));
        Detection detection = detect(config);
        Home home = locateHome();
        List<Path> classPath = workerClassPath(config, home, detection);
        Optional<String> tlsProblem = TlsCheck.problem(config);
        if (tlsProblem.isPresent()) throw new StartupError(ExitCode.USAGE, tlsProblem.get());
        long pid = ProcessHandle.current().pid();
        Hooks hooks = new Hooks(config, System.getenv());
        onStarting(hooks);
        List<Listener> listeners;
        try {
            listeners = Listener.acquire(config, System.getenv(), pid);
        } catch (Listener.Failure f) {
            throw new StartupError(f.code, f.getMessage());
        }
        // before the privileges go: raising a hard limit needs CAP_SYS_RESOURCE
        List<OsLimits.Finding> limits = OsLimits.apply(config.get(Settings.WORKER_CONNECTIONS), config.get(Settings.BACKLOG));
        dropPrivileges(config);
        log.info("Starting warcorn {}", CommandLine.spec().version()[0].replace("warcorn ", ""));
        for (Listener l : listeners) log.info("Listening at: {} ({})", l.url(), pid);
        log.info("Using worker class: {}; servlet environment {} ({})", config.get(Settings.WORKER_CLASS), detection.environment().id(), detection.reason());
        for (OsLimits.Finding f : limits) {
            if (f.warning()) log.warn(f.message());
            else log.info(f.message());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            var build = dev.warcorn.launcher.metrics.BuildInfo.of(CommandLine.spec().version()[0].replace("warcorn ", ""), detection.environment().id());
            return new Master(config, listeners, System.getenv(), hooks, build).run(
                    runDir -> new WorkerCommand(java, classPath, config, detection.environment().id(), runDir), current -> reread(args, current));
        } catch (IOException e) {
            throw new StartupError(ExitCode.ERROR, e.getMessage());
        }
    }

    /** --proc-name: what ps, top and pgrep call the master (ProcName says why it is written to /proc). */
    private static void nameProcess(String name) {
        try {
            ProcName.set(name);
        } catch (IOException e) {
            log.warn("cannot set the process name to {} ({}); ps shows it as java", name, e.getMessage());
        }
    }

    /** Gunicorn's on_starting: before anything is bound; a failure stops warcorn with its own exit code. */
    private static void onStarting(Hooks hooks) throws StartupError {
        if (hooks.run(Settings.ON_STARTING, Map.of()) instanceof Hooks.Result.Failed f)
            throw new StartupError(ExitCode.HOOK_ERROR, "on-starting hook " + f.why() + " (its output, if any, is logged above);"
                    + " warcorn does not start when --on-starting fails: fix the hook or remove the setting");
    }

    /**
     * The master's own logging from the settings (workers get the same through their WorkerSpec), and a
     * check that the access log can be opened, so that a typo stops warcorn here rather than every worker.
     */
    private static void configureLogging(Config config) throws StartupError {
        try {
            Logging.configure(config.logging());
        } catch (IOException e) {
            throw new StartupError(ExitCode.ERROR, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new StartupError(ExitCode.USAGE, e.getMessage());
        }
        Optional<String> accessLog = config.optional(Settings.ACCESS_LOGFILE).filter(f -> !f.equals("-"));
        if (accessLog.isPresent()) {
            try (OutputStream probe = Files.newOutputStream(Path.of(accessLog.get()), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                // the workers open it themselves
            } catch (IOException e) {
                throw new StartupError(ExitCode.ERROR, "--access-logfile=" + accessLog.get() + ": cannot open for appending (" + e + ")");
            }
        }
        List<String> ignored = List.of(Settings.ERROR_LOGFILE, Settings.LOG_LEVEL, Settings.LOG_JSON).stream()
                .filter(s -> config.source(s) != Config.Source.DEFAULT).map(s -> "--" + s.name()).toList();
        if (config.optional(Settings.LOG_CONFIG).isPresent() && !ignored.isEmpty())
            log.warn("--log-config={} replaces warcorn's logging; ignoring {}", config.get(Settings.LOG_CONFIG), String.join(", ", ignored));
    }

    /**
     * --umask, then --user/--group, after the socket is bound (so a port below 1024 works) and before
     * anything is written (pid file, run directory, control socket), which then belongs to the user.
     */
    private static void dropPrivileges(Config config) throws StartupError {
        config.optional(Settings.UMASK).ifPresent(Privileges::umask);
        Optional<String> user = config.optional(Settings.USER);
        if (user.isEmpty()) {
            if (config.optional(Settings.GROUP).isPresent())
                throw new StartupError(ExitCode.USAGE, "group=" + config.get(Settings.GROUP) + ": goes with --user; give both");
            return;
        }
        try {
            Privileges.Ids ids = Privileges.resolve(user.get(), config.optional(Settings.GROUP).orElse(null));
            if (!Privileges.isRoot()) {
                if (ids.uid() == Privileges.euid()) return; // already that user
                throw new StartupError(ExitCode.USAGE, "user=" + user.get() + ": switching users needs root; start warcorn as root or drop --user");
            }
            Privileges.drop(ids);
            log.info("Running as uid {} gid {} ({})", ids.uid(), ids.gid(), user.get());
        } catch (IllegalArgumentException e) {
            throw new StartupError(ExitCode.USAGE, e.getMessage() + "; check --user and --group");
        } catch (PosixException e) {
            throw new StartupError(ExitCode.ERROR, e.getMessage());
        }
    }

    /** HUP: the same command line, with the environment and config file read again. */
    private static Config reread(String[] args, Config current) throws ConfigException, ConfigSource.FilesUnusable {
        Config config = switch (CommandLine.parse(args)) {
            case CommandLine.Outcome.Run run -> run.config();
            case CommandLine.Outcome.Exit exit -> {
                String errors = exit.text().replace("warcorn: ", "");
                // the current configuration's workers would be replaced: not if their TLS files are gone or broken now
                Optional<String> tls = TlsCheck.problem(current);
                if (tls.isPresent()) throw new ConfigSource.FilesUnusable(tls.get() + " (and the configuration has errors: " + errors.strip() + ")");
                throw new ConfigException(errors);
            }
        };
        // the renewal is the usual reason for a HUP: check it as at start, before any worker is replaced
        Optional<String> tls = TlsCheck.problem(config);
        if (tls.isPresent()) throw new ConfigSource.FilesUnusable(tls.get());
        return config;
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
}
