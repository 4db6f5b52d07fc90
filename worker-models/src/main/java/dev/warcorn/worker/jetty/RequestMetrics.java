package dev.warcorn.worker.jetty;

import dev.warcorn.common.WorkerStats;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every completed request by method and status class, its duration in the buckets of
 * {@link WorkerStats#DURATION_BOUNDS}, and the body bytes it read and wrote. It sits outside the worker
 * class's cap, so the duration includes the wait for a slot and a request the cap answers 503
 * (--queue-timeout) is counted too. The cost per request is two {@code nanoTime} calls and five
 * {@link LongAdder} increments, which do not contend between request threads; the heartbeat thread sums
 * them once a second. The byte counts are the ones Jetty keeps for every request anyway
 * ({@link Request#getContentBytesRead}, {@link Response#getContentBytesWritten}), read once at the end:
 * Jetty's {@code StatisticsHandler}, which counted them before, wraps every request and its stream and
 * updates a dozen shared counters per request (docs/design.md, "CPU per request against jetty-home").
 */
final class RequestMetrics extends Handler.Wrapper {
    private final LongAdder[] requests = adders(WorkerStats.METHODS.size() * WorkerStats.STATUS_CLASSES);
    private final LongAdder[] durations = adders(WorkerStats.DURATION_BOUNDS.size() + 1);
    private final LongAdder durationMicros = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    RequestMetrics(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        int method = WorkerStats.methodIndex(request.getMethod());
        Callback counted = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(request, response, method, response.getStatus(), start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(request, response, method, Math.max(500, response.getStatus()), start); // Jetty answers a failed request 500 unless it was committed
                super.failed(x);
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, response, counted);
        } catch (Exception | Error e) {
            record(request, response, method, 500, start); // Jetty fails the request with 500 itself
            throw e;
        }
        if (!handled) record(request, response, method, 404, start); // Jetty answers 404 for an unhandled request
        return handled;
    }

    private void record(Request request, Response response, int method, int status, long start) {
        long nanos = System.nanoTime() - start;
        bytesIn.add(Request.getContentBytesRead(request));
        bytesOut.add(Response.getContentBytesWritten(response));
        int statusClass = Math.clamp(status / 100, 1, WorkerStats.STATUS_CLASSES);
        requests[method * WorkerStats.STATUS_CLASSES + statusClass - 1].increment();
        durations[WorkerStats.durationBucket(nanos)].increment();
        durationMicros.add(nanos / 1000);
    }

    long[] requests() {
        return sums(requests);
    }

    long[] durations() {
        return sums(durations);
    }

    long durationMicros() {
        return durationMicros.sum();
    }

    /** Requests completed so far, whatever their method and status. */
    long total() {
        long n = 0;
        for (LongAdder a : requests) n += a.sum();
        return n;
    }

    long bytesIn() {
        return bytesIn.sum();
    }

    long bytesOut() {
        return bytesOut.sum();
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) a[i] = new LongAdder();
        return a;
    }

    private static long[] sums(LongAdder[] adders) {
        long[] s = new long[adders.length];
        for (int i = 0; i < s.length; i++) s[i] = adders[i].sum();
        return s;
    }
}
