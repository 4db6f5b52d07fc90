package dev.warcorn.worker.classes;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WorkerClass;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.ThreadPool;

/*
 * Design: Gunicorn's sync/gthread worker on the JVM.
 * Threads: a fixed pool of --threads platform threads runs requests; a request holds its thread until it
 *   ends, so concurrency per worker = --threads (extra requests wait, suspended, for a free thread).
 * Accept: one acceptor thread takes connections from the shared queue; one selector watches them.
 * Keep-alive: idle connections cost no thread; they close after --keep-alive.
 * Choose it for CPU-bound apps and apps that keep state in thread-locals, or when in doubt.
 */
public final class SyncWorker implements WorkerClass {

    @Override
    public ThreadPool threadPool(WorkerSpec spec) {
        return Pools.platform(spec.threads(), spec.slot());
    }

    @Override
    public int concurrency(WorkerSpec spec) {
        return spec.threads();
    }

    @Override
    public Handler wrap(Handler application, WorkerSpec spec) {
        return Pools.capped(application, concurrency(spec), spec.queueTimeout());
    }
}
