package dev.warcorn.worker.classes;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

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

    /** sync's pool: --threads platform threads for requests and Jetty's own beside them, a few kept started. */
    static QueuedThreadPool platform(int requestThreads, int slot) {
        QueuedThreadPool pool = new QueuedThreadPool(requestThreads + JETTY_OWN_THREADS, Math.min(8, requestThreads + 2));
        pool.setName("worker-" + slot);
        return pool;
    }

    /**
     * Every task of Jetty's on a virtual thread of its own, the selector's loop included, without the pool's cap on
     * concurrent tasks (0: it would count Jetty's tasks beside the requests; {@link #capped} is the cap).
     */
    static VirtualThreadPool virtual(int slot) {
        VirtualThreadPool pool = new VirtualThreadPool(0);
        pool.setName("worker-" + slot + "-vt-");
        return pool;
    }

    /** At most {@code limit} requests in the application at once, the others waiting: see {@link Admission}. */
    static Handler capped(Handler application, int limit, Duration queueTimeout) {
        return new Admission(application, limit, queueTimeout);
    }
}
