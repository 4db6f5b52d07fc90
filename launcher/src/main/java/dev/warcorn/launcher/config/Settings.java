package dev.warcorn.launcher.config;

import dev.warcorn.logging.AccessLogFormat;
import dev.warcorn.logging.LogLevel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every setting warcorn has, in the order {@code --help} shows them. Names and defaults follow Gunicorn
 * where the meaning is the same on the JVM.
 */
public final class Settings {
    /** Built-in worker classes; anything else must be a fully-qualified class name. */
    public static final Set<String> WORKER_CLASSES = Set.of("sync", "virtual", "async");

    public static final Setting<Bind> BIND = new Setting<>("bind", "-b", "ADDRESS", "127.0.0.1:8000", true,
            "Where to listen: HOST:PORT, [IPV6]:PORT, unix:PATH or fd://N; repeat for several. Port 0 picks a free port.", Bind::parse);
    public static final Setting<Integer> WORKERS = new Setting<>("workers", "-w", "INT", "1", false,
            "Number of worker JVMs.", Parsers.intAtLeast(1));
    public static final Setting<String> WORKER_CLASS = new Setting<>("worker-class", "-k", "CLASS", "sync", false,
            "How a worker runs requests: sync, virtual, async, or a fully-qualified class name.", Settings::workerClass);
    public static final Setting<Integer> THREADS = new Setting<>("threads", null, "INT", "50", false,
            "Platform request threads per worker (sync).", Parsers.intAtLeast(1));
    public static final Setting<Integer> WORKER_CONNECTIONS = new Setting<>("worker-connections", null, "INT", "1000", false,
            "Most requests in flight per worker (virtual, async); more wait, none are refused.", Parsers.intAtLeast(1));
    public static final Setting<Integer> BACKLOG = new Setting<>("backlog", null, "INT", "2048", false,
            "Length of the shared accept queue.", Parsers.intAtLeast(1));
    public static final Setting<Duration> TIMEOUT = new Setting<>("timeout", "-t", "SECONDS", "30", false,
            "A worker silent for this long is killed and replaced; 0 turns the check off.", Parsers::timeout);
    public static final Setting<Duration> BOOT_TIMEOUT = new Setting<>("boot-timeout", null, "SECONDS", "60", false,
            "Longest a worker may take from spawn to ready; past it warcorn stops (exit 3).", Parsers.duration(false));
    public static final Setting<Duration> GRACEFUL_TIMEOUT = new Setting<>("graceful-timeout", null, "SECONDS", "30", false,
            "How long a stopping worker lets in-flight requests finish before it is killed.", Parsers.duration(true));
    public static final Setting<Duration> KEEP_ALIVE = new Setting<>("keep-alive", null, "SECONDS", "2", false,
            "How long a connection may wait idle for its next request; a request in progress is bounded by --body-timeout, --send-timeout and --queue-timeout instead.",
            Parsers.duration(false));
    public static final Setting<Duration> BODY_TIMEOUT = new Setting<>("body-timeout", null, "SECONDS", "60", false,
            "Longest pause while a request body arrives (a slow upload), as nginx's client_body_timeout; past it the read fails.",
            Parsers.duration(false));
    public static final Setting<Duration> SEND_TIMEOUT = new Setting<>("send-timeout", null, "SECONDS", "60", false,
            "Longest pause while a client reads the response (a slow download), as nginx's send_timeout; past it the connection closes.",
            Parsers.duration(false));
    public static final Setting<Duration> QUEUE_TIMEOUT = new Setting<>("queue-timeout", null, "SECONDS", "60", false,
            "Longest a request waits for a slot under --threads or --worker-connections before it is answered 503; 0 waits forever.",
            Parsers.duration(true));
    public static final Setting<Path> PID = new Setting<>("pid", "-p", "FILE", null, false,
            "Write the master's pid to FILE (removed on exit).", Path::of);
    public static final Setting<String> CONTEXT_PATH = new Setting<>("context-path", null, "PATH", "/", false,
            "Where the WAR is served; beats <default-context-path> in web.xml.", Parsers::contextPath);
    public static final Setting<String> EE = new Setting<>("ee", null, "ENV", null, false,
            "Servlet environment (ee8, ee9, ee10, ee11); detected from the WAR when not given.", Settings::environment);
    public static final Setting<String> JVM_OPT = new Setting<>("jvm-opt", null, "OPTION", null, true,
            "An option for every worker JVM, e.g. -Dkey=value; repeat for several.", raw -> raw);
    public static final Setting<Long> HEAP = new Setting<>("heap", null, "SIZE", "512m", false,
            "Maximum heap of each worker JVM (-Xmx); N workers use N times this.", Parsers::size);

    public static final Setting<Path> WORKER_CLASSPATH = new Setting<>("worker-classpath", null, "JAR|DIR", null, true,
            "A jar or class directory added to every worker's class path (JDBC drivers, a custom worker class); repeatable.",
            Parsers::existingPath);
    public static final Setting<NamedFile> LOGIN_REALM = new Setting<>("login-realm", null, "NAME=FILE", null, true,
            "A login realm for the WAR's <login-config>, users in a properties file (user: password,role...); repeatable.",
            NamedFile::parse);
    public static final Setting<Path> CONTEXT_XML = new Setting<>("context-xml", null, "FILE", null, false,
            "A Jetty XML file applied to the web application before it starts (JNDI resources, env entries).",
            Parsers::existingPath);
    public static final Setting<NamedFile.KeyValue> ENV = new Setting<>("env", "-e", "KEY=VALUE", null, true,
            "An environment variable for every worker; repeatable.", NamedFile.KeyValue::parse);

    public static final Setting<Integer> MAX_REQUESTS = new Setting<>("max-requests", null, "INT", "0", false,
            "Replace a worker after this many requests (replacement first, so none is refused); 0 never.", Parsers.intAtLeast(0));
    public static final Setting<Integer> MAX_REQUESTS_JITTER = new Setting<>("max-requests-jitter", null, "INT", "0", false,
            "Add 0..INT at random to each worker's --max-requests, so workers are not all replaced at once.", Parsers.intAtLeast(0));
    public static final Setting<Long> MAX_WORKER_MEMORY = new Setting<>("max-worker-memory", null, "SIZE", null, false,
            "Replace a worker whose resident memory stays above SIZE for 3 s (e.g. 1g).", Parsers::size);
    public static final Setting<Duration> REQUEST_TIMEOUT_WARN = new Setting<>("request-timeout-warn", null, "SECONDS", "0", false,
            "Log every request still running after this long, with its worker and path; 0 never.", Parsers.duration(true));

    public static final Setting<Path> CONTROL_SOCKET = new Setting<>("control-socket", null, "PATH", null, false,
            "Unix socket for 'warcorn ctl' (mode 0600); default: beside --pid, else $XDG_RUNTIME_DIR/warcorn-PORT.ctl.", Path::of);

    public static final Setting<Bind.Tcp> METRICS_BIND = new Setting<>("metrics-bind", null, "HOST:PORT", null, false,
            "Serve Prometheus metrics of the whole pool at /metrics, and /healthz and /readyz, on HOST:PORT (docs/metrics.md); off when not given.",
            Settings::metricsBind);

    public static final Setting<Bind.Tcp> STATSD_HOST = new Setting<>("statsd-host", null, "HOST:PORT", null, false,
            "Send the pool's figures to a statsd server on HOST:PORT (UDP) every second, with Gunicorn's metric names; off when not given.",
            Settings::statsdHost);
    public static final Setting<String> STATSD_PREFIX = new Setting<>("statsd-prefix", null, "PREFIX", null, false,
            "Put PREFIX. before every statsd metric name (Gunicorn's --statsd-prefix).", Settings::statsdPrefix);

    public static final Setting<String> ACCESS_LOGFILE = new Setting<>("access-logfile", null, "FILE", null, false,
            "Each worker appends one line per request to FILE (- for stdout); no access log when not given.", Parsers::logFile);
    public static final Setting<String> ACCESS_LOGFORMAT = new Setting<>("access-logformat", null, "FORMAT", AccessLogFormat.DEFAULT, false,
            "The access log line, in Gunicorn's atoms: %(h)s address, %(r)s request line, %(s)s status, %({name}i)s header... (docs/logging.md).",
            Settings::accessLogFormat);
    public static final Setting<String> ERROR_LOGFILE = new Setting<>("error-logfile", null, "FILE", "-", false,
            "Where the master and the workers log (- for stderr); USR1 reopens it after logrotate moved it.", Parsers::logFile);
    public static final Setting<LogLevel> LOG_LEVEL = new Setting<>("log-level", null, "LEVEL", "info", false,
            "The least severe messages logged, by the master and the workers: debug, info, warning, error or critical.", LogLevel::parse);
    public static final Setting<Path> LOG_CONFIG = new Setting<>("log-config", null, "FILE", null, false,
            "A logback XML file that replaces warcorn's logging (and --error-logfile, --log-level, --log-json) in the master and the workers.",
            Parsers::existingPath);
    public static final Setting<Boolean> LOG_JSON = new Setting<>("log-json", null, Setting.ON_OFF, "false", false,
            "Log one JSON object per line (logback's JsonEncoder); the process is in context.properties.process.", Parsers::bool);

    public static final Setting<String> USER = new Setting<>("user", "-u", "USER", null, false,
            "Run master and workers as USER (name or uid) once the socket is bound; needs root.", Parsers::account);
    public static final Setting<String> GROUP = new Setting<>("group", "-g", "GROUP", null, false,
            "Run as GROUP (name or gid) with --user; default: the user's own group.", Parsers::account);
    public static final Setting<Integer> UMASK = new Setting<>("umask", "-m", "MASK", null, false,
            "File mode mask for master and workers (022, 0o027, 0x12); default: inherited.", Parsers::umask);
    public static final Setting<Path> CHDIR = new Setting<>("chdir", null, "DIR", null, false,
            "Working directory of the workers (relative paths in the app resolve against it).", Parsers::existingDirectory);

    public static final Setting<Path> AOT_CACHE = new Setting<>("aot-cache", null, "DIR", null, false,
            "Keep a JDK AOT class cache in DIR: the first worker trains it, later workers start about twice as fast.",
            raw -> Path.of(raw).toAbsolutePath());

    public static final List<Setting<?>> ALL = List.of(BIND, WORKERS, WORKER_CLASS, THREADS, WORKER_CONNECTIONS, BACKLOG,
            TIMEOUT, BOOT_TIMEOUT, GRACEFUL_TIMEOUT, KEEP_ALIVE, BODY_TIMEOUT, SEND_TIMEOUT,
            QUEUE_TIMEOUT, PID, CONTEXT_PATH, EE, JVM_OPT, HEAP, WORKER_CLASSPATH,
            LOGIN_REALM, CONTEXT_XML, ENV, MAX_REQUESTS, MAX_REQUESTS_JITTER, MAX_WORKER_MEMORY, REQUEST_TIMEOUT_WARN, CONTROL_SOCKET, METRICS_BIND,
            STATSD_HOST, STATSD_PREFIX,
            ACCESS_LOGFILE, ACCESS_LOGFORMAT, ERROR_LOGFILE, LOG_LEVEL, LOG_CONFIG, LOG_JSON, USER, GROUP, UMASK, CHDIR, AOT_CACHE);

    private Settings() {
    }

    private static String workerClass(String raw) {
        if (WORKER_CLASSES.contains(raw)) return raw;
        if (raw.matches("([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*\\.)+[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"))
            return raw;
        throw new IllegalArgumentException("unknown; expected sync, virtual, async or a fully-qualified class name");
    }

    /** Parsed here only to reject a broken format at start; each worker compiles it. */
    private static String accessLogFormat(String raw) {
        AccessLogFormat.parse(raw);
        return raw;
    }

    /** TCP only: the master serves metrics with the JDK's HTTP server, which cannot listen on a Unix socket. */
    private static Bind.Tcp metricsBind(String raw) {
        if (raw.startsWith("unix:") || raw.startsWith("fd://"))
            throw new IllegalArgumentException("only HOST:PORT is supported (the JDK's HTTP server listens on TCP only), e.g. 127.0.0.1:9100");
        return (Bind.Tcp) Bind.parse(raw);
    }

    private static Bind.Tcp statsdHost(String raw) {
        if (raw.startsWith("unix:") || raw.startsWith("fd://"))
            throw new IllegalArgumentException("expected HOST:PORT of a statsd server (UDP), e.g. 127.0.0.1:8125");
        Bind.Tcp t = (Bind.Tcp) Bind.parse(raw);
        if (t.port() == 0) throw new IllegalArgumentException("port 0 names no server; give the statsd port, e.g. 127.0.0.1:8125");
        return t;
    }

    /** Letters, digits, dots, dashes and underscores: anything else would break statsd's name:value|type lines. */
    private static String statsdPrefix(String raw) {
        if (raw.matches("[A-Za-z0-9_.-]*")) return raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        throw new IllegalArgumentException("only letters, digits, '.', '-' and '_' (statsd lines use ':' and '|' as separators), e.g. myapp");
    }

    private static String environment(String raw) {
        String ee = raw.toLowerCase(Locale.ROOT);
        if (List.of("ee8", "ee9", "ee10", "ee11").contains(ee)) return ee;
        throw new IllegalArgumentException("unknown; expected ee8, ee9, ee10 or ee11");
    }
}
