package dev.warcorn.worker.classes;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in worker classes' cap: at most {@code limit} requests in the application at once (--threads,
 * --worker-connections); the others wait, holding no thread, until one finishes, and one that waits longer
 * than --queue-timeout (zero: forever) is answered 503. Nothing is refused: Gunicorn's worker-connections
 * refuses nothing either, the kernel's accept queue being the only other bound. The wait is not I/O, so
 * neither --keep-alive nor --body-timeout applies to it.
 *
 * <p>Jetty's {@code QoSHandler} did this before; it takes a read lock twice and adds a completion listener
 * (a stream wrapper) for every request, full or not (docs/design.md, "CPU per request against
 * jetty-home"). Here a request that finds a free slot costs one atomic decrement, one increment when it
 * completes, and a callback with its once-flag; only a request that has to wait costs a queue entry, a
 * timer and a dispatch.
 *
 * <p>{@link #permits} is {@code limit - admitted - waiting}. A request takes a permit; when there was none
 * it is counted as waiting before it is queued. A finishing request gives its permit back; when the count
 * says a request waits, it hands its slot to the first one instead (waiting for it to appear in the queue
 * if that request is between its count and its queueing, as {@code QoSHandler} does too). A waiter whose
 * --queue-timeout expires is answered at once but stays counted, and in the queue, until a finishing
 * request takes it off and hands its slot to the next one: so the count and the queue never disagree, and
 * no lock is needed.
 */
public final class Admission extends Handler.Wrapper {
    private static final int WAITING = 0;
    private static final int RESUMED = 1;
    private static final int EXPIRED = 2;

    private final Duration queueTimeout;
    private final AtomicInteger permits;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** Waiters answered 503 that a finishing request has not taken off the queue yet. */
    private final AtomicInteger expired = new AtomicInteger();

    public Admission(Handler application, int limit, Duration queueTimeout) {
        super(application);
        if (limit < 1) throw new IllegalArgumentException("limit " + limit + " < 1");
        this.permits = new AtomicInteger(limit);
        this.queueTimeout = queueTimeout;
    }

    /** Requests waiting for a slot now. */
    public int waiting() {
        return Math.max(0, -permits.get() - expired.get());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (permits.getAndDecrement() > 0) return admitted(request, response, callback);
        Waiter waiter = new Waiter(request, response, callback);
        if (!queueTimeout.isZero())
            waiter.timer = request.getComponents().getScheduler().schedule(waiter::expire, queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
        waiters.offer(waiter);
        return true;
    }

    private boolean admitted(Request request, Response response, Callback callback) throws Exception {
        Slot slot = new Slot(callback);
        boolean handled;
        try {
            handled = super.handle(request, response, slot);
        } catch (Throwable x) {
            slot.free(); // Jetty fails the request with its own callback, never with this one
            throw x;
        }
        if (!handled) slot.free(); // Jetty answers 404 with its own callback
        return handled;
    }

    private void release() {
        if (permits.getAndIncrement() >= 0) return; // nobody waits
        for (int spins = 0; ; ) {
            Waiter next = waiters.poll();
            if (next == null) { // counted, not queued yet
                if (++spins % 64 == 0) Thread.yield();
                else Thread.onSpinWait();
                continue;
            }
            if (next.resume()) return; // the slot is its now
            // It was answered 503 already: off the count too, and the slot goes to the next one, if any waits.
            expired.decrementAndGet();
            if (permits.getAndIncrement() >= 0) return;
        }
    }

    /** The callback of an admitted request: frees its slot, once, before Jetty may start the connection's next request. */
    private final class Slot extends Callback.Nested {
        private final AtomicInteger freed = new AtomicInteger();

        Slot(Callback callback) {
            super(callback);
        }

        void free() {
            if (freed.compareAndSet(0, 1)) release();
        }

        @Override
        public void succeeded() {
            free();
            super.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            free();
            super.failed(x);
        }
    }

    private final class Waiter extends AtomicInteger implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private volatile Scheduler.Task timer;

        Waiter(Request request, Response response, Callback callback) {
            super(WAITING);
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        boolean resume() {
            if (!compareAndSet(WAITING, RESUMED)) return false;
            Scheduler.Task t = timer;
            if (t != null) t.cancel();
            execute(this); // never on the finishing request's thread: a chain of them would grow its stack
            return true;
        }

        void expire() {
            if (!compareAndSet(WAITING, EXPIRED)) return;
            expired.incrementAndGet();
            execute(() -> Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "Waited longer than --queue-timeout for a free slot", null));
        }

        @Override
        public void run() {
            try {
                if (!admitted(request, response, callback)) Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, null, null);
            } catch (Throwable x) {
                Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, null, x);
            }
        }

        private void execute(Runnable task) {
            request.getComponents().getExecutor().execute(task);
        }
    }
}
