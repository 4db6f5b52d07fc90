package dev.warcorn.worker.jetty;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.BootFailure;
import dev.warcorn.worker.WorkerClass;
import dev.warcorn.worker.edge.HttpEdge;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Jetty inside a worker: built in {@link #build}, started in {@link #start}, stopped without losing a
 * request in {@link #stopGracefully}. Laid out like Jetty's embedded examples, one block per Jetty module.
 */
public final class JettyWorker {
    /**
     * After the worker stops accepting, connections the kernel had already handed it may still be
     * delivering their first request; this window lets them, while the other workers take new
     * connections from the shared queue. ~500 ms lost 0 of ~250,000 requests across rolling restarts
     * (docs/design.md).
     */
    static final Duration DRAIN = Duration.ofMillis(500);

    private final Server server;
    private final List<AbstractConnector> connectors;
    private final StatisticsHandler statistics;
    private final Handler application;
    private final ThreadPool pool;
    private final RequestTracker tracker;
    private final int concurrency;
    private long completedAtLastBeat = -1;

    private JettyWorker(Server server, List<AbstractConnector> connectors, StatisticsHandler statistics, Handler application,
                        ThreadPool pool, RequestTracker tracker, int concurrency) {
        this.server = server;
        this.connectors = List.copyOf(connectors);
        this.statistics = statistics;
        this.application = application;
        this.pool = pool;
        this.tracker = tracker;
        this.concurrency = concurrency;
    }

    /**
     * @param requestLog    the --access-logfile writer, or {@code null} for none
     * @param onMaxRequests called once, on the request that reaches the spec's --max-requests share
     */
    /**
     * @param extraListeners more listening sockets (several --bind), already channels; the first is fd 0's
     */
    public static JettyWorker build(WorkerSpec spec, WorkerClass workerClass, Handler application, boolean unixSocket,
                                    List<ServerSocketChannel> extraListeners, RequestLog requestLog, Runnable onMaxRequests)
            throws IOException {
        ThreadPool pool = workerClass.threadPool(spec);
        Server server = new Server(pool);

        // === jetty-http.xml and the rest of the HTTP edge: docs/http-edge.md ===
        HttpEdge edge = new HttpEdge(spec.edge(), server);
        AbstractConnector connector;
        if (unixSocket) { // === jetty-unixdomain-http.xml ===
            UnixDomainServerConnector unix = new UnixDomainServerConnector(server, 1, 1, edge.connectionFactories(false));
            unix.setInheritChannel(true);
            connector = unix;
        } else {
            ServerConnector tcp = new ServerConnector(server, 1, 1, edge.connectionFactories(true));
            tcp.setInheritChannel(true); // System.inheritedChannel(): the master's listener on fd 0
            connector = tcp;
        }
        List<AbstractConnector> connectors = new ArrayList<>(List.of(connector));
        for (ServerSocketChannel extra : extraListeners) {
            ServerConnector tcp = new ServerConnector(server, 1, 1, edge.connectionFactories(true));
            tcp.open(extra);
            connectors.add(tcp);
        }
        for (AbstractConnector c : connectors) {
            c.setIdleTimeout(spec.keepAlive().toMillis());
            server.addConnector(c);
        }

        // === jetty-graceful.xml, jetty-stats.xml; the tracker inside the worker class's cap ===
        RequestTracker tracker = new RequestTracker(application, spec.maxRequests(), onMaxRequests,
                !spec.requestTimeoutWarn().isZero());
        StatisticsHandler statistics = new StatisticsHandler(workerClass.wrap(tracker, spec));
        server.setHandler(new GracefulHandler(statistics));

        // === jetty-requestlog.xml ===
        if (requestLog != null) server.setRequestLog(requestLog);

        server.setStopTimeout(spec.gracefulTimeout().toMillis());
        server.setStopAtShutdown(false); // the worker's TERM handler stops Jetty in the zero-loss order
        return new JettyWorker(server, connectors, statistics, application, pool, tracker, workerClass.concurrency(spec));
    }

    /** Starts Jetty; a failure of the WAR itself is {@link ExitCode#APP_LOAD_ERROR}, anything else a boot error. */
    public void start() throws BootFailure {
        try {
            server.start();
        } catch (Exception e) {
            boolean applicationFailed = application.isFailed(); // read before stopping, which resets it
            stopQuietly();
            if (applicationFailed) throw new BootFailure(ExitCode.APP_LOAD_ERROR, BootFailure.rootCause(e), e);
            throw new BootFailure(ExitCode.WORKER_BOOT_ERROR, "Jetty failed to start: " + BootFailure.rootCause(e), e);
        }
        if (!application.isStarted() || application.isFailed())
            throw new BootFailure(ExitCode.APP_LOAD_ERROR, "the WAR did not start; see the log lines above", null);
    }

    /**
     * The zero-loss stop: stop accepting (without interrupting the acceptor, which can reset a
     * connection it just took), let the drain window pass, then let in-flight requests finish for up to
     * --graceful-timeout while Jetty stops.
     */
    public void stopGracefully() throws Exception {
        for (AbstractConnector c : connectors) c.setAccepting(false);
        Thread.sleep(DRAIN);
        server.stop();
    }

    /** Stops without the drain window, for a quick stop (INT) or when the master is gone. */
    public void stopQuickly(Duration timeout) {
        server.setStopTimeout(timeout.toMillis());
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(JettyWorker.class).warn("Jetty did not stop cleanly: {}", BootFailure.rootCause(e));
        }
    }

    public long requests() {
        return statistics.getRequestTotal();
    }

    /**
     * Whether the worker is making progress, asked once per heartbeat: a task submitted to Jetty's pool
     * must run within {@code within} (the request executor is alive, not only some thread), and either a
     * request slot is free or a request finished since the last call. A worker whose every slot has been
     * held by the same requests since the last beat is wedged, as Gunicorn's sync worker stuck past
     * --timeout is.
     */
    public boolean progressing(Duration within) throws InterruptedException {
        long completed = tracker.completed();
        boolean moved = completed != completedAtLastBeat || tracker.inFlight() < concurrency;
        completedAtLastBeat = completed;
        return moved && executorResponds(within);
    }

    /** Logs requests running longer than {@code limit}; does nothing for a zero limit. */
    public void warnSlowRequests(Duration limit) {
        if (!limit.isZero()) tracker.warnSlow(limit);
    }

    private boolean executorResponds(Duration within) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        try {
            pool.execute(ran::countDown);
        } catch (RuntimeException rejected) {
            return false;
        }
        return ran.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }
}
