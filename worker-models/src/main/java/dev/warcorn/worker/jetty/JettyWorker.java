package dev.warcorn.worker.jetty;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.WorkerSpec;
import dev.warcorn.common.WorkerStats;
import dev.warcorn.worker.BootFailure;
import dev.warcorn.worker.WorkerClass;
import dev.warcorn.worker.classes.Admission;
import dev.warcorn.worker.edge.HttpEdge;
import dev.warcorn.worker.jvm.OpenFds;
import org.eclipse.jetty.io.ManagedSelector;
import dev.warcorn.worker.WorkerHooks;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
    private static final Logger log = LoggerFactory.getLogger(JettyWorker.class);

    /** How long the drain waits for a selector to run a task before it goes on anyway (a wedged worker). */
    static final Duration SELECTOR_BARRIER = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Server server;
    private final List<AbstractConnector> connectors;
    private final Drain drain;
    private final AcceptsInFlight accepts;
    private final Duration gracefulTimeout;
    private final Handler application;
    private final ThreadPool pool;
    private final RequestTracker tracker;
    private final int concurrency;
    private final RequestMetrics metrics;
    private final OpenFds openFds = OpenFds.ofThisJvm();
    private long completedAtLastBeat = -1;

    private JettyWorker(Server server, List<AbstractConnector> connectors, Drain drain, AcceptsInFlight accepts, Duration gracefulTimeout,
                        Handler application, ThreadPool pool, RequestTracker tracker, int concurrency,
                        RequestMetrics metrics) {
        this.server = server;
        this.connectors = List.copyOf(connectors);
        this.drain = drain;
        this.accepts = accepts;
        this.gracefulTimeout = gracefulTimeout;
        this.application = application;
        this.pool = pool;
        this.tracker = tracker;
        this.concurrency = concurrency;
        this.metrics = metrics;
    }

    /**
     * @param extraListeners more listening sockets (several --bind), already channels; the first is fd 0's
     * @param tlsListeners   which listeners speak TLS (with --certfile): 0 is fd 0's, 1 the first extra one, …
     * @param requestLog     the --access-logfile writer, or {@code null} for none
     * @param onMaxRequests  called once, on the request that reaches the spec's --max-requests share
     * @param hooks          the {@link WorkerHooks} found on the worker class path, run around each request
     * @param spare          a --spare-workers spare: the connectors are built but left out of the server until
     *                       {@link #startAccepting}
     */
    public static JettyWorker build(WorkerSpec spec, WorkerClass workerClass, Handler application, boolean unixSocket,
                                    List<ServerSocketChannel> extraListeners, java.util.Set<Integer> tlsListeners, RequestLog requestLog, Runnable onMaxRequests,
                                    List<WorkerHooks> hooks, WorkerHooks.Worker worker, boolean spare)
            throws IOException {
        ThreadPool pool = workerClass.threadPool(spec);
        Server server = new Server(pool);

        // === jetty-http.xml and the rest of the HTTP edge: docs/http-edge.md ===
        // While a request is handled its I/O may pause for --body-timeout (Jetty restores the connector's
        // idle timeout, --keep-alive, when the request completes), so --keep-alive only bounds the idle
        // wait between requests, as in Gunicorn. SendTimeout switches to --send-timeout once the
        // response starts.
        HttpEdge edge = new HttpEdge(spec.edge(), spec.bodyTimeout(), server);
        AbstractConnector connector;
        AcceptsInFlight accepts = new AcceptsInFlight();
        if (unixSocket) { // === jetty-unixdomain-http.xml ===
            // An acceptor thread: Jetty 12.1.7's UnixDomainServerConnector cannot pause selector-based
            // accepting (its setAccepting tests the acceptor count the wrong way round). The thread may take
            // one more connection after accepting stops, which the drain serves; one that arrives in the
            // instant Jetty's stop interrupts the thread is reset (docs/faults.md).
            UnixDomainServerConnector unix = new UnixDomainServerConnector(server, 1, 1, edge.connectionFactories(false, false)) {
                @Override
                protected void doStop() throws Exception {
                    // Jetty 12.1.7 deletes the socket file it bound as its stop's last step, and a connector that
                    // inherited its channel has no file: Files.deleteIfExists(null) threw, and every stop of a
                    // worker on a unix: bind logged "graceful stop failed" after a drain that had gone well. The
                    // file is the master's, which removes it when it exits.
                    try {
                        super.doStop();
                    } catch (NullPointerException e) {
                        if (getUnixDomainPath() != null) throw e;
                    }
                }
            };
            unix.setInheritChannel(true);
            connector = unix;
        } else {
            // No acceptor thread: the selector accepts, so setAccepting(false) only deregisters the shared
            // socket and there is never a thread blocked in accept() for the shutdown to interrupt (an
            // interrupted accept() closes the connection it was taking).
            ServerConnector tcp = accepts.connector(server, edge.connectionFactories(tlsListeners.contains(0)));
            tcp.setInheritChannel(true); // System.inheritedChannel(): the master's listener on fd 0
            connector = tcp;
        }
        List<AbstractConnector> connectors = new ArrayList<>(List.of(connector));
        for (int i = 0; i < extraListeners.size(); i++) {
            ServerConnector tcp = accepts.connector(server, edge.connectionFactories(tlsListeners.contains(i + 1)));
            tcp.open(extraListeners.get(i));
            connectors.add(tcp);
        }
        for (AbstractConnector c : connectors) {
            c.setIdleTimeout(spec.keepAlive().toMillis());
            // At shutdown Jetty would cut every connection's idle timeout to 1 s, requests in progress
            // included; the drain has closed every connection by then (see stopGracefully).
            c.setShutdownIdleTimeout(-1);
            // A spare starts without them: ServerConnector.doStart registers the shared socket with the selector
            // whatever setAccepting said before, and setAccepting(false) right after start would leave a window
            // in which the spare takes connections (and keeps their keep-alive clients) while it should not serve.
            if (!spare) server.addConnector(c);
        }

        // The drain outermost, the metrics outside and the tracker inside the worker class's cap. No Jetty
        // StatisticsHandler (jetty-stats.xml): RequestMetrics counts what the master reports, for less.
        RequestTracker tracker = new RequestTracker(RequestHooks.wrap(application, hooks, worker), spec.maxRequests(), onMaxRequests,
                !spec.requestTimeoutWarn().isZero());
        RequestMetrics metrics = new RequestMetrics(workerClass.wrap(tracker, spec));
        Drain drain = new Drain(SendTimeout.wrap(edge.limitBody(metrics), spec.bodyTimeout(), spec.sendTimeout()));
        server.setHandler(drain);

        // === jetty-requestlog.xml ===
        if (requestLog != null) server.setRequestLog(requestLog);

        server.setStopTimeout(spec.gracefulTimeout().toMillis());
        server.setStopAtShutdown(false); // the worker's TERM handler stops Jetty in the zero-loss order
        return new JettyWorker(server, connectors, drain, accepts, spec.gracefulTimeout(), application, pool, tracker, workerClass.concurrency(spec), metrics);
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
     * A spare takes a slot: its connectors join the running server and start, which opens the inherited
     * channel and registers it with the selector (acceptors = 0), so from here on it takes connections from
     * the shared queue like every other worker. The server stops them with the rest ({@code Server.doStop}
     * stops each connector it holds).
     */
    public void startAccepting() throws Exception {
        for (AbstractConnector c : connectors) {
            if (c.isStarted()) continue;
            server.addConnector(c);
            c.start();
        }
    }

    /**
     * The zero-loss stop. Stop accepting: the other workers take new connections from the shared queue.
     * Then drain for up to --graceful-timeout: every request that arrives on a connection the worker
     * holds is served and answered with {@code Connection: close}, an idle connection closes when
     * --keep-alive expires (as it would have anyway), and the drain ends when the last connection has
     * closed. Only then does Jetty stop, with nothing left to cut.
     */
    public void stopGracefully() throws Exception {
        long deadline = System.nanoTime() + gracefulTimeout.toNanos();
        for (AbstractConnector c : connectors) c.setAccepting(false);
        drain.begin();
        awaitDeregistered();
        // a connection accepted just before the deregistration may still be becoming an endpoint on a pool thread
        while ((openConnections() > 0 || accepts.count() > 0) && System.nanoTime() - deadline < 0) Thread.sleep(POLL);
        server.setStopTimeout(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
        server.stop();
    }

    /**
     * The selector deregisters the shared socket on its own thread, and a connection it accepted just before
     * is registered as an endpoint by a task it queues: two rounds of a no-op task through every selector
     * mean the deregistration has run and every connection accepted before it is counted by
     * {@link #openConnections}. (A fixed pause is no bound on a busy machine, where the selector thread
     * can wait longer than that for a core.)
     */
    private void awaitDeregistered() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            for (AbstractConnector c : connectors) {
                if (!(c instanceof ServerConnector tcp)) continue;
                for (ManagedSelector selector : tcp.getSelectorManager().getBeans(ManagedSelector.class)) {
                    CountDownLatch ran = new CountDownLatch(1);
                    selector.submit(s -> ran.countDown());
                    if (!ran.await(SELECTOR_BARRIER.toMillis(), TimeUnit.MILLISECONDS))
                        log.warn("selector did not answer within {} ms while draining", SELECTOR_BARRIER.toMillis());
                }
            }
        }
    }

    private int openConnections() {
        int open = 0;
        for (AbstractConnector c : connectors) open += c.getConnectedEndPoints().size();
        return open;
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
            log.warn("Jetty did not stop cleanly: {}", BootFailure.rootCause(e));
        }
    }

    /** Requests completed so far. */
    public long requests() {
        return metrics.total();
    }

    /**
     * The figures for the master's metrics, read once a second. Requests waiting for a slot are the ones
     * the worker class's cap ({@link Admission}, or a custom class's {@link QoSHandler}) holds; the JVM
     * figures come from its management beans, which are cheap to read, except the count of open file
     * descriptors, which {@link OpenFds} reads every ten seconds.
     */
    public WorkerStats stats() {
        long waiting = 0;
        for (Admission cap : metrics.getDescendants(Admission.class)) waiting += cap.waiting();
        for (QoSHandler qos : metrics.getDescendants(QoSHandler.class)) waiting += qos.getSuspendedRequestCount(); // a custom class's
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        long fds = openFds.at(System.nanoTime());
        return new WorkerStats(metrics.requests(), metrics.durations(), metrics.durationMicros(),
                metrics.bytesIn(), metrics.bytesOut(), gcMillis, gcCount, tracker.inFlight(), waiting,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), ManagementFactory.getThreadMXBean().getThreadCount(), fds);
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
