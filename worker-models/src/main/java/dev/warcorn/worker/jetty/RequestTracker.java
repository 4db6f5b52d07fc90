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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests the worker class admitted (it sits inside the concurrency cap): how many run now,
 * how many finished, and since when each one runs. The heartbeat reads it to tell a busy worker from a
 * wedged one, --max-requests to know when to ask for a replacement, --request-timeout-warn to name slow
 * requests.
 */
final class RequestTracker extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(RequestTracker.class);

    private record Running(String what, long since, boolean[] warned) {
    }

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final Map<Request, Running> running = new ConcurrentHashMap<>();
    private final long maxRequests;
    private final Runnable onMaxRequests;

    RequestTracker(Handler application, long maxRequests, Runnable onMaxRequests) {
        super(application);
        this.maxRequests = maxRequests;
        this.onMaxRequests = onMaxRequests;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long n = started.incrementAndGet();
        if (n == maxRequests) onMaxRequests.run();
        running.put(request, new Running(request.getMethod() + " " + request.getHttpURI().getPathQuery(), System.nanoTime(), new boolean[1]));
        Callback done = Callback.from(callback, () -> finished(request));
        try {
            boolean handled = super.handle(request, response, done);
            if (!handled) finished(request);
            return handled;
        } catch (Exception | Error e) {
            finished(request);
            throw e;
        }
    }

    private void finished(Request request) {
        if (running.remove(request) != null) completed.incrementAndGet();
    }

    long inFlight() {
        return running.size();
    }

    long completed() {
        return completed.get();
    }

    /** Logs, once each, the requests running longer than {@code limit}. */
    void warnSlow(Duration limit) {
        long now = System.nanoTime();
        for (Running r : running.values()) {
            if (!r.warned()[0] && now - r.since() > limit.toNanos()) {
                r.warned()[0] = true;
                log.warn("request {} running for more than {} ms (see --request-timeout-warn)", r.what(), limit.toMillis());
            }
        }
    }
}
