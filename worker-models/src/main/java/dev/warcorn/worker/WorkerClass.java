package dev.warcorn.worker;

import dev.warcorn.common.WorkerSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * How a worker executes requests: the public extension point behind {@code --worker-class}. A custom
 * class implements this, has a public no-argument constructor, and is named by its fully-qualified name
 * (its jar on the worker class path).
 */
public interface WorkerClass {

    /** The pool Jetty's server runs on: selectors, acceptors and, unless {@link #wrap} says otherwise, requests. */
    ThreadPool threadPool(WorkerSpec spec);

    /**
     * How many requests can run at once. When that many have been running, none finishing, for longer
     * than --timeout, the worker stops beating and the master replaces it.
     */
    default int concurrency(WorkerSpec spec) {
        return Integer.MAX_VALUE;
    }

    /** Wraps the application, e.g. to cap requests in flight. Called once, before start. */
    default Handler wrap(Handler application, WorkerSpec spec) {
        return application;
    }
}
