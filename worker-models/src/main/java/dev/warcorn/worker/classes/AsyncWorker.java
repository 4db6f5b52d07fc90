package dev.warcorn.worker.classes;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WorkerClass;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.ThreadPool;

/*
 * Design: uvicorn's model for servlets written asynchronously.
 * Threads: a small platform pool, two per core; a servlet that calls startAsync() returns its thread at
 *   once and completes the response from a callback, so one worker holds thousands of requests.
 *   Blocking servlets get only the pool's threads: do not choose async for them.
 * Cap: --worker-connections bounds requests in flight, as for virtual.
 * Keep-alive: as sync.
 * Choose it for apps built on AsyncContext / non-blocking I/O.
 */
public final class AsyncWorker implements WorkerClass {

    @Override
    public ThreadPool threadPool(WorkerSpec spec) {
        return Pools.platform(2 * Runtime.getRuntime().availableProcessors(), spec.slot());
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
