package dev.warcorn.worker.classes;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.time.Duration;

/** What the built-in worker classes share: a named pool and a cap on requests in flight. */
final class Pools {
    /**
     * Threads Jetty keeps for itself on top of the request threads: one acceptor, one selector, and room
     * for the heartbeat task and Jetty's reserved threads, so that "--threads 4" means four requests.
     */
    static final int JETTY_OWN_THREADS = 6;

    private Pools() {
    }

    static QueuedThreadPool platform(int requestThreads, int slot) {
        return named(new QueuedThreadPool(maxThreads(requestThreads), minThreads(requestThreads)), slot);
    }

    static int maxThreads(int requestThreads) {
        return requestThreads + JETTY_OWN_THREADS;
    }

    static int minThreads(int requestThreads) {
        return Math.min(8, requestThreads + 2);
    }

    static QueuedThreadPool named(QueuedThreadPool pool, int slot) {
        pool.setName("worker-" + slot);
        return pool;
    }

    /**
     * At most {@code limit} requests are handled at once; the others are suspended, holding no thread,
     * until one finishes. They wait rather than being refused: Gunicorn's worker-connections refuses
     * nothing either, the kernel's accept queue being the only other bound. A request that waits longer
     * than {@code queueTimeout} (--queue-timeout; zero is forever) is answered 503. The wait is not I/O,
     * so neither --keep-alive nor --body-timeout applies to it.
     */
    static Handler capped(Handler application, int limit, Duration queueTimeout) {
        QoSHandler qos = new QoSHandler(application);
        qos.setMaxRequestCount(limit);
        qos.setMaxSuspendedRequestCount(-1);
        qos.setMaxSuspend(queueTimeout); // Duration.ZERO: QoSHandler never expires a suspended request
        return qos;
    }
}
