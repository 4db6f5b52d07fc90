package dev.warcorn.worker.edge;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * --header-timeout, against slowloris. Jetty's idle timeout (--keep-alive) restarts with every byte, so a
 * client sending one header byte a second holds a connection forever. Here a request's head must be
 * complete within the timeout of its first byte's arrival, or the connection is closed. Between requests
 * nothing is counted: an idle keep-alive connection is --keep-alive's alone, so a long --keep-alive holds
 * thousands of idle connections. A slow body of a request in progress is not affected either: its reads
 * fall under --body-timeout and the application. HTTP/2 multiplexes requests on one connection and has
 * its own flow control, so only HTTP/1 connections ({@link Http1Timing.Http1}) have a deadline.
 *
 * <p>The cost per request is two field writes: one sweep, every quarter of the timeout (at most a second)
 * while connections are open, closes the connections whose head is late. A timer per request would be
 * scheduled and cancelled on Jetty's scheduler queue for every request.
 */
final class HeaderDeadline implements HttpConfiguration.Customizer {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final long timeoutNanos;
    private final long sweepMillis;
    private final Scheduler scheduler;
    private final Set<Http1Timing.Http1> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweepPending = new AtomicBoolean();

    HeaderDeadline(Duration timeout, Scheduler scheduler) {
        this.timeoutNanos = timeout.toNanos();
        this.sweepMillis = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        this.scheduler = scheduler;
    }

    void opened(Http1Timing.Http1 connection) {
        open.add(connection);
        if (sweepPending.compareAndSet(false, true)) scheduler.schedule(this::sweep, sweepMillis, TimeUnit.MILLISECONDS);
    }

    void closed(Http1Timing.Http1 connection) {
        open.remove(connection);
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (request.getConnectionMetaData().getConnection() instanceof Http1Timing.Http1 http1) http1.headComplete();
        return request;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Http1Timing.Http1 connection : open) {
            long since = connection.headSince();
            if (since == 0 || now - since < timeoutNanos) continue;
            log.debug("closing {}: request head not complete within {} ms of its first byte (--header-timeout)",
                    connection.getEndPoint().getRemoteSocketAddress(), timeoutNanos / 1_000_000);
            connection.getEndPoint().close();
        }
        sweepPending.set(false);
        // Again while connections are open; one that opens meanwhile schedules it itself.
        if (!open.isEmpty() && sweepPending.compareAndSet(false, true)) scheduler.schedule(this::sweep, sweepMillis, TimeUnit.MILLISECONDS);
    }
}
