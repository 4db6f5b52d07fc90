package dev.warcorn.worker;

import org.eclipse.jetty.server.Request;

/**
 * Code of yours that runs inside every worker, as Gunicorn's {@code post_worker_init}, {@code pre_request},
 * {@code post_request} and {@code worker_exit} do (tracing, metrics, warming a cache). Implement it, list
 * the class in {@code META-INF/services/dev.warcorn.worker.WorkerHooks} of a jar, and give the jar with
 * {@code --worker-classpath}: each worker finds every implementation with {@link java.util.ServiceLoader}.
 * <p>
 * The request is Jetty's core {@link Request}, the same whatever servlet environment the WAR runs on.
 * {@link #preRequest} and {@link #postRequest} run on the request's own thread; keep them short. An
 * exception from a request hook is logged and the request goes on; one from {@link #postWorkerInit} fails
 * the worker's boot, as in Gunicorn.
 */
public interface WorkerHooks {

    /** The worker a hook runs in. */
    record Worker(int slot, long pid, long masterPid) {
    }

    /** The WAR is deployed and Jetty started; the master has not yet been told the worker is ready. */
    default void postWorkerInit(Worker worker) throws Exception {
    }

    /** A request is about to reach the application (inside the worker class's concurrency cap). */
    default void preRequest(Worker worker, Request request) {
    }

    /**
     * The application has finished the request.
     *
     * @param status  the response status
     * @param failure why the request failed, or {@code null}
     * @param nanos   how long the application took, from {@link #preRequest}
     */
    default void postRequest(Worker worker, Request request, int status, Throwable failure, long nanos) {
    }

    /** The worker is about to exit: Jetty has stopped (or, after a quick stop, is stopping). */
    default void workerExit(Worker worker) {
    }
}
