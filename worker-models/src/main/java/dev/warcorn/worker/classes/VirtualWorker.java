package dev.warcorn.worker.classes;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WorkerClass;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

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
        QueuedThreadPool pool = Pools.platform(Runtime.getRuntime().availableProcessors(), spec.slot());
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
}
