package dev.warcorn.worker.classes;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WorkerClass;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

import java.util.concurrent.Executor;

/*
 * Design: the JVM's answer to gevent, without monkey-patching.
 * Threads: each request runs on its own virtual thread (QueuedThreadPool's virtual-threads executor);
 *   blocking I/O parks the virtual thread and frees its carrier. A small platform pool runs Jetty's
 *   acceptor and selector. Jetty's VirtualThreadPool is not used: its maximum caps concurrency.
 * Cap: virtual threads are unbounded, so --worker-connections bounds requests in flight; beyond it
 *   requests wait (suspended), they are not refused.
 * Keep-alive: as sync.
 * Choose it for apps that block on I/O (HTTP calls, JDBC, slow upstreams). Native calls and code that
 *   pins a carrier (JNI) limit it to the number of cores.
 */
public final class VirtualWorker implements WorkerClass {

    @Override
    public ThreadPool threadPool(WorkerSpec spec) {
        int cores = Runtime.getRuntime().availableProcessors();
        QueuedThreadPool pool = Pools.named(new ConnectionsOnVirtualThreads(Pools.maxThreads(cores), Pools.minThreads(cores)), spec.slot());
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("worker-" + spec.slot() + "-vt-"));
        return pool;
    }

    @Override
    public int concurrency(WorkerSpec spec) {
        return spec.workerConnections();
    }

    @Override
    public Handler wrap(Handler application, WorkerSpec spec) {
        return Pools.capped(application, concurrency(spec), spec.queueTimeout());
    }

    /**
     * The platform pool, except for the connection tasks Jetty hands it directly. Jetty's selectors run a
     * request on a virtual thread, but a connection whose next request is already read when the previous
     * one completes off its reading thread (a request the cap held, an async one, pipelining) is resumed
     * with {@code execute(connection)}, and TLS does the same with {@code SslConnection}'s fill task: the
     * next request then ran on this pool of a few platform threads. At 5,000 clients a handful of such
     * requests blocked on their upstream held every thread, the selectors and the heartbeat's probe
     * waited, and the master killed the worker as silent. Those tasks go to virtual threads here.
     */
    static final class ConnectionsOnVirtualThreads extends QueuedThreadPool {
        private static final String SSL_TASKS = SslConnection.class.getName() + "$";

        ConnectionsOnVirtualThreads(int maxThreads, int minThreads) {
            super(maxThreads, minThreads);
        }

        @Override
        public void execute(Runnable job) {
            Executor virtual = getVirtualThreadsExecutor();
            if (virtual != null && runsRequests(job)) virtual.execute(job);
            else super.execute(job);
        }

        static boolean runsRequests(Runnable job) {
            return job instanceof Connection || job.getClass().getName().startsWith(SSL_TASKS);
        }
    }
}
