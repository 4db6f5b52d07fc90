package dev.warcorn.common;

import dev.warcorn.logging.LogLevel;
import dev.warcorn.logging.LogOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker JVM must know, passed as {@code --key=value} arguments after its main class so that
 * {@code ps} shows the slot and the WAR of every worker.
 *
 * @param slot              stable number of the worker, kept across respawns
 * @param war               the WAR file or exploded directory
 * @param environment       Jetty servlet environment, e.g. {@code ee10}
 * @param contextPath       where the WAR is served
 * @param workerClass       {@code sync}, {@code virtual}, {@code async} or a class name
 * @param threads           platform request threads (sync)
 * @param workerConnections most requests in flight at once (virtual, async)
 * @param gracefulTimeout   how long a stopping worker lets in-flight requests finish
 * @param keepAlive         how long a connection may wait idle for its next request
 * @param bodyTimeout       longest pause while a request body arrives
 * @param sendTimeout       longest pause while the client reads the response
 * @param queueTimeout      longest wait for a slot under the worker class's cap; zero forever
 * @param tmpDir            private scratch directory of this worker (WAR unpacking, JSP classes)
 * @param heartbeat         how often the worker reports to the master
 * @param loginRealms       login realm name to a properties file of users ({@code user: password,role...})
 * @param contextXml        a Jetty XML file applied to the web application before it starts
 * @param maxRequests       after this many requests the worker asks to be replaced; 0 never
 * @param requestTimeoutWarn a request running longer than this is logged; zero never
 * @param logging           the error log, as the master's
 * @param accessLogfile     where the worker writes one line per request ({@code -} for stdout); none when empty
 * @param accessLogformat   the access log line in Gunicorn's atoms
 * @param edge              the HTTP edge: forwarded headers, request limits, compliance (docs/http-edge.md)
 * @param procName          the process name the worker gives itself ({@code ps -o comm}), e.g. {@code wc-worker-2}
 * @param spare             a --spare-workers spare: {@code slot} is its spare number, and it deploys the WAR but
 *                          accepts no connection until the master sends {@code accept} on fd 3
 * @param quickstart        Jetty's quickstart descriptor of the WAR copy: started from, or written first when missing;
 *                          none for a WAR the master did not unpack (a directory served in place may change under it)
 */
public record WorkerSpec(int slot, Path war, String environment, String contextPath, String workerClass, int threads,
                         int workerConnections, Duration gracefulTimeout, Duration keepAlive,
                         Duration bodyTimeout, Duration sendTimeout, Duration queueTimeout, Path tmpDir,
                         Duration heartbeat, Map<String, Path> loginRealms, Optional<Path> contextXml,
                         long maxRequests, Duration requestTimeoutWarn, LogOptions logging,
                         Optional<String> accessLogfile, String accessLogformat, EdgeSpec edge, String procName,
                         boolean spare, Optional<Path> quickstart) {

    public WorkerSpec {
        loginRealms = Map.copyOf(loginRealms);
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "slot", slot);
        add(args, "war", war);
        add(args, "environment", environment);
        add(args, "context-path", contextPath);
        add(args, "worker-class", workerClass);
        add(args, "threads", threads);
        add(args, "worker-connections", workerConnections);
        add(args, "graceful-timeout-ms", gracefulTimeout.toMillis());
        add(args, "keep-alive-ms", keepAlive.toMillis());
        add(args, "body-timeout-ms", bodyTimeout.toMillis());
        add(args, "send-timeout-ms", sendTimeout.toMillis());
        add(args, "queue-timeout-ms", queueTimeout.toMillis());
        add(args, "tmp-dir", tmpDir);
        add(args, "heartbeat-ms", heartbeat.toMillis());
        loginRealms.forEach((name, file) -> add(args, "login-realm", name + "=" + file));
        contextXml.ifPresent(x -> add(args, "context-xml", x));
        add(args, "max-requests", maxRequests);
        add(args, "request-timeout-warn-ms", requestTimeoutWarn.toMillis());
        add(args, "error-logfile", logging.errorLogfile());
        add(args, "log-level", logging.level());
        logging.config().ifPresent(c -> add(args, "log-config", c));
        add(args, "log-json", logging.json());
        accessLogfile.ifPresent(f -> add(args, "access-logfile", f));
        add(args, "access-logformat", accessLogformat);
        args.addAll(edge.toArgs());
        add(args, "proc-name", procName);
        add(args, "spare", spare);
        quickstart.ifPresent(q -> add(args, "quickstart", q));
        return args;
    }

    /** The inverse of {@link #toArgs()}; the master wrote these, so a mismatch is a bug, reported as such. */
    public static WorkerSpec fromArgs(String[] args) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) throw new IllegalArgumentException("worker argument " + a + ": expected --key=value");
            m.computeIfAbsent(a.substring(2, eq), k -> new ArrayList<>()).add(a.substring(eq + 1));
        }
        Map<String, Path> realms = new LinkedHashMap<>();
        for (String r : m.getOrDefault("login-realm", List.of())) {
            int eq = r.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("worker argument --login-realm=" + r + ": expected NAME=FILE");
            realms.put(r.substring(0, eq), Path.of(r.substring(eq + 1)));
        }
        return new WorkerSpec(
                Integer.parseInt(need(m, "slot")),
                Path.of(need(m, "war")),
                need(m, "environment"),
                need(m, "context-path"),
                need(m, "worker-class"),
                Integer.parseInt(need(m, "threads")),
                Integer.parseInt(need(m, "worker-connections")),
                Duration.ofMillis(Long.parseLong(need(m, "graceful-timeout-ms"))),
                Duration.ofMillis(Long.parseLong(need(m, "keep-alive-ms"))),
                Duration.ofMillis(Long.parseLong(need(m, "body-timeout-ms"))),
                Duration.ofMillis(Long.parseLong(need(m, "send-timeout-ms"))),
                Duration.ofMillis(Long.parseLong(need(m, "queue-timeout-ms"))),
                Path.of(need(m, "tmp-dir")),
                Duration.ofMillis(Long.parseLong(need(m, "heartbeat-ms"))),
                realms,
                Optional.ofNullable(m.get("context-xml")).map(v -> Path.of(v.getLast())),
                Long.parseLong(need(m, "max-requests")),
                Duration.ofMillis(Long.parseLong(need(m, "request-timeout-warn-ms"))),
                new LogOptions(need(m, "error-logfile"), LogLevel.parse(need(m, "log-level")),
                        Optional.ofNullable(m.get("log-config")).map(v -> Path.of(v.getLast())), Boolean.parseBoolean(need(m, "log-json"))),
                Optional.ofNullable(m.get("access-logfile")).map(List::getLast),
                need(m, "access-logformat"),
                EdgeSpec.fromArgs(m),
                need(m, "proc-name"),
                Boolean.parseBoolean(need(m, "spare")),
                Optional.ofNullable(m.get("quickstart")).map(v -> Path.of(v.getLast())));
    }

    private static void add(List<String> args, String key, Object value) {
        args.add("--" + key + "=" + value);
    }

    private static String need(Map<String, List<String>> m, String key) {
        List<String> v = m.get(key);
        if (v == null) throw new IllegalArgumentException("worker argument --" + key + " is missing");
        return v.getLast();
    }
}
