package dev.warcorn.launcher.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warcorn.launcher.config.Bind;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.control.Snapshot;
import dev.warcorn.launcher.supervisor.Event;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --metrics-bind}: the master's metrics listener, on the JDK's own HTTP server (the master never
 * loads Jetty). {@code /metrics} is the Prometheus client's handler, which answers in the Prometheus text
 * format or in OpenMetrics as the scraper's Accept header asks; {@code /healthz} says the supervisor loop
 * answers; {@code /readyz} says at least one worker is ready and the master is not stopping. Each request
 * asks the supervisor for a {@link Snapshot} through its event queue, like {@code warcorn ctl}.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    /** How long a request waits for the supervisor loop; a loop that does not answer in time is unhealthy. */
    static final Duration LOOP_ANSWER = Duration.ofSeconds(2);

    private final HttpServer server;
    private final BlockingQueue<Event> events;
    private volatile boolean stopped;

    private MetricsServer(HttpServer server, BlockingQueue<Event> events) {
        this.server = server;
        this.events = events;
    }

    public static MetricsServer start(Bind.Tcp bind, BlockingQueue<Event> events, BuildInfo build) throws IOException {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(bind.address(), bind.port());
        } catch (ConfigException e) {
            throw new IOException("metrics-bind=" + bind + ": " + e.getMessage().replaceFirst("^bind=\\S+: ", ""), e);
        }
        HttpServer http;
        try {
            http = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IOException("metrics-bind=" + bind + ": cannot listen (" + e.getMessage() + "); pick another port or stop what holds it", e);
        }
        MetricsServer server = new MetricsServer(http, events);
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PoolCollector(server::snapshot, build));
        JvmMetrics.builder().register(registry); // the master's own: memory, GC, threads, process CPU and fds
        http.createContext("/metrics", new MetricsHandler(registry));
        http.createContext("/healthz", x -> server.answer(x, server.snapshot().isPresent(), "the supervisor loop"));
        http.createContext("/readyz", x -> server.answer(x, server.snapshot().map(s -> s.pool().ready()).orElse(false), "a ready worker"));
        http.setExecutor(Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("metrics-http").unstarted(r)));
        http.start();
        return server;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        var a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/metrics";
    }

    /** The supervisor loop has ended: from now on /readyz and /healthz answer 503 without asking it. */
    public void loopEnded() {
        stopped = true;
    }

    Optional<Snapshot> snapshot() {
        if (stopped) return Optional.empty();
        return ask(events);
    }

    /** The supervisor's snapshot through its queue, or empty when the loop does not answer within {@link #LOOP_ANSWER}. */
    public static Optional<Snapshot> ask(BlockingQueue<Event> events) {
        CompletableFuture<Snapshot> reply = new CompletableFuture<>();
        events.add(new Event.Query(reply));
        try {
            return Optional.of(reply.get(LOOP_ANSWER.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void answer(HttpExchange exchange, boolean ok, String what) throws IOException {
        try (exchange) {
            byte[] body = ((ok ? "ok" : "not ok: no " + what) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(ok ? 200 : 503, head ? -1 : body.length);
            if (!head) try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        server.stop(0);
        log.debug("metrics listener closed");
    }
}
