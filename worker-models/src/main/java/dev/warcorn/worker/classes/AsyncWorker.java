package dev.warcorn.worker.classes;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WorkerClass;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.ThreadPool;

/*
 * Design: uvicorn's model for servlets written asynchronously.
 * Threads: a servlet that calls startAsync() returns its thread at once and completes the response from
 *   a callback, so one worker holds thousands of requests. Jetty's tasks run on virtual threads as
 *   virtual's do (Pools.virtual): a hand-off between them stays in the JVM's scheduler, where a platform
 *   pool's woke a parked thread through the kernel; on hello that was 0.73x the CPU per request of the
 *   platform pool of two per core it replaces (docs/design.md). A blocking servlet parks its virtual
 *   thread rather than holding a pool thread, but async is still the class for asynchronous servlets.
 * Cap: --worker-connections bounds requests in flight, as for virtual.
 * Keep-alive: as sync.
 * Choose it for apps built on AsyncContext / non-blocking I/O.
 */
public final class AsyncWorker implements WorkerClass {

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
