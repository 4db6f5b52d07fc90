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

    public static final Setting<Bind> BIND = new Setting<>("bind", Group.SERVER_SOCKET, "-b", "ADDRESS", "127.0.0.1:8000", true,
            "Where to listen: HOST:PORT, [IPV6]:PORT, unix:PATH or fd://N; repeat for several. Port 0 picks a free port.", Bind::parse);
    public static final Setting<Bind> INSECURE_BIND = new Setting<>("insecure-bind", Group.SERVER_SOCKET, null, "ADDRESS", null, true,
            "Like --bind, but stays plain HTTP (and h2c) when --certfile makes the --bind addresses TLS, as in Hypercorn; repeatable.",
            Bind::parse);
    public static final Setting<Integer> WORKERS = new Setting<>("workers", Group.WORKER_PROCESSES, "-w", "INT", "1", false,
            "Number of worker JVMs.", Parsers.intAtLeast(1));
    public static final Setting<Integer> SPARE_WORKERS = new Setting<>("spare-workers", Group.WORKER_PROCESSES, null, "INT", "0", false,
            "Keep INT more worker JVMs booted with the WAR deployed but not accepting; one takes a slot at once when a worker dies, "
                    + "is recycled or TTIN adds one, and a new spare boots behind it. Each costs a worker's memory.",
            Parsers.intAtLeast(0));
    public static final Setting<Integer> MAX_SURGE = new Setting<>("max-surge", Group.WORKER_PROCESSES, null, "INT", "1", false,
            "Planned replacements (HUP, --reload, --max-requests, --max-worker-memory, --max-worker-lifetime) run INT at a time, "
                    + "as a Kubernetes rollout's maxSurge: each new worker boots beside the one it replaces, which drains once the new "
                    + "one is ready, so capacity never drops. More replaces the pool sooner; each JVM booting takes cores from the serving ones.",
            Parsers.intAtLeast(1));
    public static final Setting<String> WORKER_CLASS = new Setting<>("worker-class", Group.WORKER_PROCESSES, "-k", "CLASS", "sync", false,
            "How a worker runs requests: sync, virtual, async, or a fully-qualified class name.", Settings::workerClass);
    public static final Setting<Integer> THREADS = new Setting<>("threads", Group.WORKER_PROCESSES, null, "INT", "50", false,
            "Platform request threads per worker (sync).", Parsers.intAtLeast(1));
    public static final Setting<Integer> WORKER_CONNECTIONS = new Setting<>("worker-connections", Group.WORKER_PROCESSES, null, "INT", "1000", false,
            "Most requests in flight per worker (virtual, async); more wait, none are refused. Also sizes each worker's young generation: 200 KB per connection, at most a third of the heap.", Parsers.intAtLeast(1));
    public static final Setting<Integer> BACKLOG = new Setting<>("backlog", Group.SERVER_SOCKET, null, "INT", "2048", false,
            "Length of the shared accept queue.", Parsers.intAtLeast(1));
    public static final Setting<Duration> TIMEOUT = new Setting<>("timeout", Group.WORKER_PROCESSES, "-t", "SECONDS", "30", false,
            "A worker silent for this long is killed and replaced; 0 turns the check off.", Parsers::timeout);
    public static final Setting<Duration> BOOT_TIMEOUT = new Setting<>("boot-timeout", Group.WORKER_PROCESSES, null, "SECONDS", "60", false,
            "Longest a worker may take from spawn to ready; past it warcorn stops (exit 3).", Parsers.duration(false));
    public static final Setting<Duration> GRACEFUL_TIMEOUT = new Setting<>("graceful-timeout", Group.WORKER_PROCESSES, null, "SECONDS", "30", false,
            "How long a stopping worker lets in-flight requests finish before it is killed.", Parsers.duration(true));
    public static final Setting<Duration> KEEP_ALIVE = new Setting<>("keep-alive", Group.WORKER_PROCESSES, null, "SECONDS", "2", false,
            "How long a connection may wait idle for its next request; a request in progress is bounded by --body-timeout, --send-timeout and --queue-timeout instead.",
            Parsers.duration(false));
    public static final Setting<Duration> BODY_TIMEOUT = new Setting<>("body-timeout", Group.WORKER_PROCESSES, null, "SECONDS", "60", false,
            "Longest pause while a request body arrives (a slow upload), as nginx's client_body_timeout; past it the read fails.",
            Parsers.duration(false));
    public static final Setting<Duration> SEND_TIMEOUT = new Setting<>("send-timeout", Group.WORKER_PROCESSES, null, "SECONDS", "60", false,
            "Longest pause while a client reads the response (a slow download), as nginx's send_timeout; past it the connection closes.",
            Parsers.duration(false));
    public static final Setting<Duration> QUEUE_TIMEOUT = new Setting<>("queue-timeout", Group.WORKER_PROCESSES, null, "SECONDS", "60", false,
            "Longest a request waits for a slot under --threads or --worker-connections before it is answered 503; 0 waits forever.",
            Parsers.duration(true));
    public static final Setting<List<String>> FORWARDED_ALLOW_IPS = new Setting<>("forwarded-allow-ips", Group.SECURITY, null, "ADDRESSES", "127.0.0.1,::1", false,
            "Peers (IPs or CIDR networks, comma-separated; * for any) whose X-Forwarded-*/Forwarded headers set the client, scheme and host.",
            Parsers::addresses);
    public static final Setting<Integer> LIMIT_REQUEST_LINE = new Setting<>("limit-request-line", Group.SECURITY, null, "BYTES", "4094", false,
            "Longest request line (method, target, version); longer gets 414. 0 = unlimited.", Parsers.intBetween(0, Parsers.MAX_HEAD));
    public static final Setting<Integer> LIMIT_REQUEST_FIELDS = new Setting<>("limit-request-fields", Group.SECURITY, null, "INT", "100", false,
            "Most header fields in a request; more gets 431. 0 = unlimited (up to 32768).", Parsers.intBetween(0, 32768));
    public static final Setting<Integer> LIMIT_REQUEST_FIELD_SIZE = new Setting<>("limit-request-field-size", Group.SECURITY, null, "BYTES", "8190", false,
            "Longest header field, name and value; longer gets 431. 0 = unlimited.", Parsers.intBetween(0, Parsers.MAX_HEAD));
    public static final Setting<Long> LIMIT_REQUEST_BODY = new Setting<>("limit-request-body", Group.SECURITY, null, "SIZE", "0", false,
            "Largest request body (bytes, or with k, m, g as nginx's client_max_body_size); larger gets 413 before the application runs, or fails its read. 0 = unlimited.",
            Parsers::bodySize);
    public static final Setting<Duration> HEADER_TIMEOUT = new Setting<>("header-timeout", Group.SECURITY, null, "SECONDS", "20", false,
            "A client must send a request's complete headers within this long, or it is disconnected (slowloris); 0 = off.",
            Parsers.duration(true));
    public static final Setting<String> HTTP_COMPLIANCE = new Setting<>("http-compliance", Group.SECURITY, null, "MODE", "strict", false,
            "How strictly requests are parsed: strict (RFC 9110/9112, 400 for anything ambiguous, bare LF too), rfc9110, rfc7230 or legacy (docs/http-edge.md).",
            Settings::httpCompliance);
    public static final Setting<String> HTTP = new Setting<>("http", Group.SERVER_MECHANICS, null, "VERSION", "2", false,
            "2: HTTP/2 beside HTTP/1.1 (h2 by ALPN with TLS, h2c on plain binds); 1: HTTP/1.1 only.", Settings::httpVersion);
    public static final Setting<Path> CERTFILE = new Setting<>("certfile", Group.TLS, null, "FILE", null, false,
            "TLS on every TCP --bind (not --insecure-bind): a PEM certificate chain (with --keyfile) or a PKCS#12 keystore (.p12, .pfx). HUP reloads it.",
            Parsers::existingPath);
    public static final Setting<Path> KEYFILE = new Setting<>("keyfile", Group.TLS, null, "FILE", null, false,
            "The PEM private key (unencrypted PKCS#8 or PKCS#1 RSA) of a PEM --certfile.", Parsers::existingPath);
    public static final Setting<Path> KEYSTORE_PASSWORD_FILE = new Setting<>("keystore-password-file", Group.TLS, null, "FILE", null, false,
            "A file holding the password of a PKCS#12 --certfile (a file, so that ps does not show it); default: empty.",
            Parsers::existingPath);
    public static final Setting<Path> CA_CERTS = new Setting<>("ca-certs", Group.TLS, null, "FILE", null, false,
            "PEM certificates that client certificates must chain to (with --cert-reqs).", Parsers::existingPath);
    public static final Setting<String> CERT_REQS = new Setting<>("cert-reqs", Group.TLS, null, "MODE", "0", false,
            "Client certificates, as Gunicorn: 0 none, 1 optional, 2 required (or the words); 1 and 2 need --ca-certs.",
            Settings::certReqs);
    public static final Setting<List<String>> CIPHERS = new Setting<>("ciphers", Group.TLS, null, "SUITES", null, false,
            "The TLS cipher suites to offer, in order, comma- or colon-separated, by their JSSE names (e.g. TLS_AES_128_GCM_SHA256); default: the JDK's less Jetty's exclusions.",
            Settings::ciphers);
    public static final Setting<String> SSL_VERSION = new Setting<>("ssl-version", Group.TLS, null, "VERSION", "TLSv1.2", false,
            "The oldest TLS version offered: TLSv1.2 (1.2 and 1.3) or TLSv1.3 (1.3 only).", Settings::sslVersion);
    public static final Setting<Boolean> PROXY_PROTOCOL = new Setting<>("proxy-protocol", Group.SECURITY, null, Setting.ON_OFF, "false", false,
            "Accept a PROXY protocol v1/v2 header (HAProxy, AWS NLB) from --proxy-allow-from peers: the client's address comes from it.",
            Parsers::bool);
    public static final Setting<List<String>> PROXY_ALLOW_FROM = new Setting<>("proxy-allow-from", Group.SECURITY, null, "ADDRESSES", "127.0.0.1,::1", false,
            "Peers (IPs or CIDR networks, comma-separated; * for any) whose PROXY protocol header counts.", Parsers::addresses);
    public static final Setting<Path> PID = new Setting<>("pid", Group.SERVER_MECHANICS, "-p", "FILE", null, false,
            "Write the master's pid to FILE (removed on exit).", Path::of);
    public static final Setting<String> CONTEXT_PATH = new Setting<>("context-path", Group.SERVER_MECHANICS, null, "PATH", "/", false,
            "Where the WAR is served; beats <default-context-path> in web.xml.", Parsers::contextPath);
    public static final Setting<String> EE = new Setting<>("ee", Group.SERVER_MECHANICS, null, "ENV", null, false,
            "Servlet environment (ee8, ee9, ee10, ee11); detected from the WAR when not given.", Settings::environment);
    public static final Setting<String> JVM_OPT = new Setting<>("jvm-opt", Group.JVM, null, "OPTION", null, true,
            "An option for every worker JVM, e.g. -Dkey=value; repeat for several.", raw -> raw);
    /** What --heap auto parses to: no size a user could give (sizes are at least 16m). */
    public static final long AUTO_HEAP = 0;
    public static final Setting<Long> HEAP = new Setting<>("heap", Group.JVM, null, "SIZE", "auto", false,
            "Maximum heap of each worker JVM (-Xmx); auto: a quarter of the machine's memory shared by the workers, at least 512m.",
            Parsers::heap);

    public static final Setting<Path> WORKER_CLASSPATH = new Setting<>("worker-classpath", Group.JVM, null, "JAR|DIR", null, true,
            "A jar or class directory added to every worker's class path (JDBC drivers, a custom worker class); repeatable.",
            Parsers::existingPath);
    public static final Setting<NamedFile> LOGIN_REALM = new Setting<>("login-realm", Group.SECURITY, null, "NAME=FILE", null, true,
            "A login realm for the WAR's <login-config>, users in a properties file (user: password,role...); repeatable.",
            NamedFile::parse);
    public static final Setting<Path> CONTEXT_XML = new Setting<>("context-xml", Group.SERVER_MECHANICS, null, "FILE", null, false,
            "A Jetty XML file applied to the web application before it starts (JNDI resources, env entries).",
            Parsers::existingPath);
    public static final Setting<NamedFile.KeyValue> ENV = new Setting<>("env", Group.SERVER_MECHANICS, "-e", "KEY=VALUE", null, true,
            "An environment variable for every worker; repeatable.", NamedFile.KeyValue::parse);

    public static final Setting<Integer> MAX_REQUESTS = new Setting<>("max-requests", Group.WORKER_PROCESSES, null, "INT", "0", false,
            "Replace a worker after this many requests (replacement first, so none is refused); 0 never.", Parsers.intAtLeast(0));
    public static final Setting<Integer> MAX_REQUESTS_JITTER = new Setting<>("max-requests-jitter", Group.WORKER_PROCESSES, null, "INT", "0", false,
            "Add 0..INT at random to each worker's --max-requests, so workers are not all replaced at once.", Parsers.intAtLeast(0));
    public static final Setting<Long> MAX_WORKER_MEMORY = new Setting<>("max-worker-memory", Group.WORKER_PROCESSES, null, "SIZE", null, false,
            "Replace a worker whose resident memory stays above SIZE for 3 s (e.g. 1g).", Parsers::size);
    public static final Setting<Duration> MAX_WORKER_LIFETIME = new Setting<>("max-worker-lifetime", Group.WORKER_PROCESSES, null, "SECONDS", "0", false,
            "Replace a worker this long after it was spawned (replacement first, --max-surge at a time), as uWSGI and Granian do; 0 never.",
            Parsers::lifetime);
    public static final Setting<Duration> MAX_WORKER_LIFETIME_JITTER = new Setting<>("max-worker-lifetime-jitter", Group.WORKER_PROCESSES, null, "SECONDS", "0", false,
            "Add 0..SECONDS at random to each worker's --max-worker-lifetime, so workers started together are not all replaced together.",
            Parsers.duration(true));
    public static final Setting<Duration> REQUEST_TIMEOUT_WARN = new Setting<>("request-timeout-warn", Group.WORKER_PROCESSES, null, "SECONDS", "0", false,
            "Log every request still running after this long, with its worker and path; 0 never.", Parsers.duration(true));

    public static final Setting<Path> CONTROL_SOCKET = new Setting<>("control-socket", Group.SERVER_MECHANICS, null, "PATH", null, false,
            "Unix socket for 'warcorn ctl' (mode 0600); default: beside --pid, else $XDG_RUNTIME_DIR/warcorn-PORT.ctl.", Path::of);

    public static final Setting<Bind.Tcp> METRICS_BIND = new Setting<>("metrics-bind", Group.LOGGING, null, "HOST:PORT", null, false,
            "Serve Prometheus metrics of the whole pool at /metrics, and /healthz and /readyz, on HOST:PORT (docs/metrics.md); off when not given.",
            Settings::metricsBind);

    public static final Setting<Bind.Tcp> STATSD_HOST = new Setting<>("statsd-host", Group.LOGGING, null, "HOST:PORT", null, false,
            "Send the pool's figures to a statsd server on HOST:PORT (UDP) every second, with Gunicorn's metric names; off when not given.",
            Settings::statsdHost);
    public static final Setting<String> STATSD_PREFIX = new Setting<>("statsd-prefix", Group.LOGGING, null, "PREFIX", null, false,
            "Put PREFIX. before every statsd metric name (Gunicorn's --statsd-prefix).", Settings::statsdPrefix);

    public static final Setting<String> ACCESS_LOGFILE = new Setting<>("access-logfile", Group.LOGGING, null, "FILE", null, false,
            "Each worker appends one line per request to FILE (- for stdout); no access log when not given.", Parsers::logFile);
    public static final Setting<String> ACCESS_LOGFORMAT = new Setting<>("access-logformat", Group.LOGGING, null, "FORMAT", AccessLogFormat.DEFAULT, false,
            "The access log line, in Gunicorn's atoms: %(h)s address, %(r)s request line, %(s)s status, %({name}i)s header... (docs/logging.md).",
            Settings::accessLogFormat);
    public static final Setting<String> ERROR_LOGFILE = new Setting<>("error-logfile", Group.LOGGING, null, "FILE", "-", false,
            "Where the master and the workers log (- for stderr); USR1 reopens it after logrotate moved it.", Parsers::logFile);
    public static final Setting<LogLevel> LOG_LEVEL = new Setting<>("log-level", Group.LOGGING, null, "LEVEL", "info", false,
            "The least severe messages logged, by the master and the workers: debug, info, warning, error or critical.", LogLevel::parse);
    public static final Setting<Path> LOG_CONFIG = new Setting<>("log-config", Group.LOGGING, null, "FILE", null, false,
            "A logback XML file that replaces warcorn's logging (and --error-logfile, --log-level, --log-json) in the master and the workers.",
            Parsers::existingPath);
    public static final Setting<Boolean> LOG_JSON = new Setting<>("log-json", Group.LOGGING, null, Setting.ON_OFF, "false", false,
            "Log one JSON object per line (logback's JsonEncoder); the process is in context.properties.process.", Parsers::bool);

    public static final Setting<String> USER = new Setting<>("user", Group.SECURITY, "-u", "USER", null, false,
            "Run master and workers as USER (name or uid) once the socket is bound; needs root.", Parsers::account);
    public static final Setting<String> GROUP = new Setting<>("group", Group.SECURITY, "-g", "GROUP", null, false,
            "Run as GROUP (name or gid) with --user; default: the user's own group.", Parsers::account);
    public static final Setting<Integer> UMASK = new Setting<>("umask", Group.SECURITY, "-m", "MASK", null, false,
            "File mode mask for master and workers (022, 0o027, 0x12); default: inherited.", Parsers::umask);
    public static final Setting<Path> CHDIR = new Setting<>("chdir", Group.SERVER_MECHANICS, null, "DIR", null, false,
            "Working directory of the workers (relative paths in the app resolve against it).", Parsers::existingDirectory);

    public static final Setting<String> PROC_NAME = new Setting<>("proc-name", Group.PROCESS_NAMING, null, "NAME", "wc", false,
            "Process names for ps, top and pgrep: NAME-master and NAME-worker-SLOT (the kernel keeps 15 bytes; NAME is shortened to fit).",
            Parsers::procName);

    // Server hooks, as Gunicorn's: each a command the master runs at its moment, with the moment's facts in
    // WARCORN_* environment variables (docs/hooks.md).
    public static final Setting<HookCommand> ON_STARTING = hook("on-starting",
            "Run before the socket is bound; if it fails or outlasts --hook-timeout, warcorn does not start (exit 5).");
    public static final Setting<HookCommand> WHEN_READY = hook("when-ready",
            "Run once, when every worker is ready for the first time.");
    public static final Setting<HookCommand> ON_RELOAD = hook("on-reload",
            "Run when a reload begins (HUP, warcorn ctl reload, --reload).");
    public static final Setting<HookCommand> PRE_SPAWN = hook("pre-spawn",
            "Run as a worker is spawned, with its slot (the master does not wait for it).");
    public static final Setting<HookCommand> POST_WORKER_READY = hook("post-worker-ready",
            "Run when a worker reports ready, with its pid and slot.");
    public static final Setting<HookCommand> WORKER_EXIT = hook("worker-exit",
            "Run when the master reaps a worker, with its pid, slot, exit status or signal and the reason.");
    public static final Setting<HookCommand> ON_EXIT = hook("on-exit",
            "Run just before the master exits, with its exit code.");
    public static final Setting<Duration> HOOK_TIMEOUT = new Setting<>("hook-timeout", Group.HOOKS, null, "SECONDS", "5", false,
            "Longest a hook may run; past it the hook is killed and the master carries on (but --on-starting stops warcorn). Hooks run without a shell: write sh -c '...' for one (docs/hooks.md).",
            Parsers.duration(false));

    public static final Setting<Boolean> RELOAD = new Setting<>("reload", Group.SERVER_MECHANICS, null, Setting.ON_OFF, "false", false,
            "Development: when the WAR (file or exploded directory) or a --reload-extra-file changes, replace the workers as HUP does; a WAR that no longer deploys leaves the old workers serving.",
            Parsers::bool);
    public static final Setting<Path> RELOAD_EXTRA_FILE = new Setting<>("reload-extra-file", Group.SERVER_MECHANICS, null, "PATH", null, true,
            "With --reload, also watch PATH (a file, or a directory and everything under it); repeatable.", Parsers::existingPath);

    public static final Setting<String> AOT_CACHE = new Setting<>("aot-cache", Group.JVM, null, "DIR|auto|off", "auto", false,
            "JDK AOT class caches of the workers and the master, in DIR: the first worker trains the workers' one, later workers "
                    + "start faster; a changed class path trains a new one. The master's own is kept by bin/warcorn, which reads this flag "
                    + "from the command line only. auto: $XDG_CACHE_HOME/warcorn, else /var/cache/warcorn for root, else ~/.cache/warcorn; off: none.",
            Settings::aotCache);
    public static final Setting<Boolean> QUICKSTART = new Setting<>("quickstart", Group.JVM, null, Setting.ON_OFF, "true", false,
            "Jetty's quickstart: the first worker writes the WAR's scanned descriptor (annotations, fragments, tag libraries) once per "
                    + "unpacked copy, later workers start from it without scanning; a .war file only (a directory is served in place and may change).",
            Parsers::bool);

    public static final List<Setting<?>> ALL = List.of(BIND, INSECURE_BIND, WORKERS, SPARE_WORKERS, MAX_SURGE, WORKER_CLASS, THREADS, WORKER_CONNECTIONS, BACKLOG,
            TIMEOUT, BOOT_TIMEOUT, GRACEFUL_TIMEOUT, KEEP_ALIVE, BODY_TIMEOUT, SEND_TIMEOUT, QUEUE_TIMEOUT,
            FORWARDED_ALLOW_IPS, LIMIT_REQUEST_LINE, LIMIT_REQUEST_FIELDS, LIMIT_REQUEST_FIELD_SIZE, LIMIT_REQUEST_BODY, HEADER_TIMEOUT, HTTP_COMPLIANCE,
            HTTP, CERTFILE, KEYFILE, KEYSTORE_PASSWORD_FILE, CA_CERTS, CERT_REQS, CIPHERS, SSL_VERSION, PROXY_PROTOCOL, PROXY_ALLOW_FROM,
            PID, CONTEXT_PATH, EE, JVM_OPT, HEAP, WORKER_CLASSPATH,
            LOGIN_REALM, CONTEXT_XML, ENV, MAX_REQUESTS, MAX_REQUESTS_JITTER, MAX_WORKER_MEMORY, MAX_WORKER_LIFETIME,
            MAX_WORKER_LIFETIME_JITTER, REQUEST_TIMEOUT_WARN, CONTROL_SOCKET, METRICS_BIND,
            STATSD_HOST, STATSD_PREFIX,
            ACCESS_LOGFILE, ACCESS_LOGFORMAT, ERROR_LOGFILE, LOG_LEVEL, LOG_CONFIG, LOG_JSON, USER, GROUP, UMASK, CHDIR, PROC_NAME,
            ON_STARTING, WHEN_READY, ON_RELOAD, PRE_SPAWN, POST_WORKER_READY, WORKER_EXIT, ON_EXIT, HOOK_TIMEOUT, RELOAD, RELOAD_EXTRA_FILE, AOT_CACHE, QUICKSTART);

    private Settings() {
    }

    /** The settings section by section, each in the order of {@link #ALL}; groups without a setting are left out. */
    public static java.util.Map<Group, List<Setting<?>>> byGroup() {
        java.util.Map<Group, List<Setting<?>>> groups = new java.util.EnumMap<>(Group.class);
        for (Setting<?> s : ALL) groups.computeIfAbsent(s.group(), g -> new java.util.ArrayList<>()).add(s);
        return groups;
    }

    private static Setting<HookCommand> hook(String name, String help) {
        return new Setting<>(name, Group.HOOKS, null, "COMMAND", null, false, help, HookCommand::parse);
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

    private static String httpCompliance(String raw) {
        String mode = raw.toLowerCase(Locale.ROOT);
        if (List.of("strict", "rfc9110", "rfc7230", "legacy").contains(mode)) return mode;
        throw new IllegalArgumentException("unknown; expected strict, rfc9110, rfc7230 or legacy");
    }

    private static String httpVersion(String raw) {
        if (raw.equals("1") || raw.equals("2")) return raw;
        throw new IllegalArgumentException("expected 1 (HTTP/1.1 only) or 2 (HTTP/2 too)");
    }

    /** Gunicorn's numbers (ssl.CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED) or their words. */
    /**
     * Checked against the suites this JDK supports, so that a typo (or an OpenSSL name, which the JDK does not
     * read) stops warcorn at start instead of every handshake failing.
     */
    private static List<String> ciphers(String raw) {
        List<String> suites = java.util.Arrays.stream(raw.split("[,:]")).map(String::trim).filter(c -> !c.isEmpty()).toList();
        if (suites.isEmpty()) throw new IllegalArgumentException("no cipher suite named; leave --ciphers out for the defaults");
        Set<String> supported;
        try {
            supported = Set.of(javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("this JDK has no default TLS context (" + e.getMessage() + ")");
        }
        for (String suite : suites)
            if (!supported.contains(suite))
                throw new IllegalArgumentException(suite + " is not a cipher suite this JDK supports; use JSSE names such as TLS_AES_128_GCM_SHA256 or "
                        + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (OpenSSL names like ECDHE-RSA-AES128-GCM-SHA256 are not read), or leave --ciphers out");
        return suites;
    }

    private static String sslVersion(String raw) {
        return switch (raw.replace("_", ".").toLowerCase(Locale.ROOT)) {
            case "tlsv1.2", "tls1.2", "1.2" -> "TLSv1.2";
            case "tlsv1.3", "tls1.3", "1.3" -> "TLSv1.3";
            default -> throw new IllegalArgumentException("expected TLSv1.2 (1.2 and 1.3) or TLSv1.3 (1.3 only); older versions are not offered");
        };
    }

    private static String certReqs(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "0", "none" -> "none";
            case "1", "optional" -> "optional";
            case "2", "required" -> "required";
            default -> throw new IllegalArgumentException("expected 0 (none), 1 (optional) or 2 (required)");
        };
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

    /** {@code auto}, {@code off}, or a directory, made absolute against where warcorn was started. */
    static String aotCache(String raw) {
        if (raw.equals("auto") || raw.equals("off")) return raw;
        if (raw.isEmpty()) throw new IllegalArgumentException("expected a directory, auto or off");
        return Path.of(raw).toAbsolutePath().toString();
    }
}
