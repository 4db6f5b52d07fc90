package dev.warcorn.worker.jetty;

import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections the selector has accepted that are not yet endpoints. Jetty's selector accepts on its own
 * thread but builds the endpoint in a task on the thread pool, so for a moment a taken connection is in
 * neither the kernel's queue nor {@code getConnectedEndPoints()}: a drain that saw no connections then
 * stopped Jetty, and the connection was closed without an answer (LifecycleIT's WINCH test, about one
 * run in four). Each accepted channel ends either as an opened endpoint or as a failed accept.
 */
final class AcceptsInFlight implements SelectorManager.AcceptListener {
    private final AtomicLong accepting = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    /** A TCP connector with no acceptor thread (the selector accepts) whose accepts are counted here. */
    ServerConnector connector(Server server, ConnectionFactory... factories) {
        ServerConnector tcp = new WorkerConnector(server, ended::incrementAndGet, factories);
        tcp.getSelectorManager().addEventListener(this);
        return tcp;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        accepting.incrementAndGet();
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        ended.incrementAndGet();
    }

    /** Accepted channels still on their way to becoming endpoints. */
    long count() {
        return accepting.get() - ended.get();
    }
}
