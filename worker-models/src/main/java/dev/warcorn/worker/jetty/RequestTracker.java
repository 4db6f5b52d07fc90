package dev.warcorn.worker.jetty;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests the worker class admitted (it sits inside the concurrency cap): how many run now,
 * how many finished, and since when each one runs. The heartbeat reads it to tell a busy worker from a
 * wedged one, --max-requests to know when to ask for a replacement, --request-timeout-warn to name slow
 * requests.
 */
final class RequestTracker extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(RequestTracker.class);

    /** A request being watched for --request-timeout-warn; {@code warned} is touched by the heartbeat thread only. */
    private static final class Running {
        final String what;
        final long since = System.nanoTime();
        boolean warned;

        Running(String what) {
            this.what = what;
        }
    }

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    /** Only with --request-timeout-warn: the per-request bookkeeping stays off the hot path otherwise. */
    private final Map<Request, Running> running;
    private final long maxRequests;
    private final Runnable onMaxRequests;

    RequestTracker(Handler application, long maxRequests, Runnable onMaxRequests, boolean watchSlowRequests) {
        super(application);
        this.maxRequests = maxRequests;
        this.onMaxRequests = onMaxRequests;
        this.running = watchSlowRequests ? new ConcurrentHashMap<>() : null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long n = started.incrementAndGet();
        if (n == maxRequests) onMaxRequests.run();
        inFlight.incrementAndGet();
        if (running != null) running.put(request, new Running(request.getMethod() + " " + request.getHttpURI().getPathQuery()));
        AtomicBoolean done = new AtomicBoolean();
        Runnable finished = () -> {
            if (!done.compareAndSet(false, true)) return; // a failure may be reported twice
            inFlight.decrementAndGet();
            completed.incrementAndGet();
            if (running != null) running.remove(request);
        };
        try {
            boolean handled = super.handle(request, response, Callback.from(callback, finished));
            if (!handled) finished.run();
            return handled;
        } catch (Exception | Error e) {
            finished.run();
            throw e;
        }
    }

    long inFlight() {
        return inFlight.get();
    }

    long completed() {
        return completed.get();
    }

    /** Logs, once each, the requests running longer than {@code limit}. */
    void warnSlow(Duration limit) {
        if (running == null) return;
        long now = System.nanoTime();
        for (Running r : running.values()) {
            if (!r.warned && now - r.since > limit.toNanos()) {
                r.warned = true;
                log.warn("request {} running for more than {} ms (see --request-timeout-warn)", r.what, limit.toMillis());
            }
        }
    }
}
