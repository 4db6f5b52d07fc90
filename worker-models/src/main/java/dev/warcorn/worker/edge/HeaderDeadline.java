package dev.warcorn.worker.edge;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * --header-timeout, against slowloris. Jetty's idle timeout (--keep-alive) restarts with every byte, so a
 * client sending one header byte a second holds a connection, and a request slot's worth of memory,
 * forever. Here an HTTP/1 connection gets a deadline when it opens and again when each response ends; the
 * request's head must be complete by then (this customizer runs once it is, and lifts the deadline), or
 * the connection is closed. A slow body of a request in progress is not affected: its reads fall under
 * the idle timeout and the application. HTTP/2 multiplexes requests on one connection and has its own
 * flow control, so only HTTP/1 connections get a deadline: this listens to the HTTP/1 connection factory only.
 */
final class HeaderDeadline implements HttpConfiguration.Customizer, Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final Duration timeout;
    private final Scheduler scheduler;
    private final Map<Connection, Scheduler.Task> deadlines = new ConcurrentHashMap<>();

    HeaderDeadline(Duration timeout, Scheduler scheduler) {
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        arm(connection);
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task task = deadlines.remove(connection);
        if (task != null) task.cancel();
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        Connection connection = request.getConnectionMetaData().getConnection();
        Scheduler.Task task = deadlines.remove(connection);
        if (task == null) return request;
        task.cancel();
        Request.addCompletionListener(request, failure -> {
            if (connection.getEndPoint().isOpen()) arm(connection);
        });
        return request;
    }

    private void arm(Connection connection) {
        Scheduler.Task task = scheduler.schedule(() -> expire(connection), timeout.toMillis(), TimeUnit.MILLISECONDS);
        Scheduler.Task old = deadlines.put(connection, task);
        if (old != null) old.cancel();
    }

    private void expire(Connection connection) {
        if (deadlines.remove(connection) == null) return;
        log.debug("closing {}: no complete request head within {} ms (--header-timeout)",
                connection.getEndPoint().getRemoteSocketAddress(), timeout.toMillis());
        connection.getEndPoint().close();
    }
}
