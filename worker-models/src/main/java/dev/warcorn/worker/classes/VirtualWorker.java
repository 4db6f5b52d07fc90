package dev.warcorn.worker.classes;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WorkerClass;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.ThreadPool;

/*
 * Design: the JVM's answer to gevent, without monkey-patching.
 * Threads: every task Jetty runs, its selector's loop, each connection's reads and each request, runs on a
 *   virtual thread of its own (Jetty's VirtualThreadPool, as jetty-home's threadpool-all-virtual module);
 *   blocking I/O parks the virtual thread and frees its carrier. A request handed from the selector to its
 *   thread stays in the JVM's scheduler instead of waking a parked platform thread through the kernel:
 *   on hello that cost 29 % less CPU per request than a platform selector and pool handing requests to
 *   virtual threads (docs/design.md, "The virtual class on virtual threads only").
 * Cap: the pool's own cap on concurrent tasks is off (0), since it counts Jetty's tasks too;
 *   --worker-connections bounds requests in flight, and beyond it requests wait (suspended), they are
 *   not refused.
 * Keep-alive: as sync.
 * Choose it for apps that block on I/O (HTTP calls, JDBC, slow upstreams). Native calls and code that
 *   pins a carrier (JNI) limit it to the number of cores.
 */
public final class VirtualWorker implements WorkerClass {

    @Override
    public ThreadPool threadPool(WorkerSpec spec) {
        return Pools.virtual(spec.slot());
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
