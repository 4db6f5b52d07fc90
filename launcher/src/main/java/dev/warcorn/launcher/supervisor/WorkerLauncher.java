package dev.warcorn.launcher.supervisor;

import dev.warcorn.launcher.config.Config;

import java.io.IOException;

/**
 * Starts worker processes and signals them. The real one spawns JVMs; unit tests use a fake that
 * records calls. Whatever a worker later says or does arrives as {@link Event}s on the supervisor's queue.
 */
public interface WorkerLauncher {

    /**
     * Starts the worker for {@code slot} with the supervisor's current configuration, and returns its pid.
     *
     * @param slot        the worker's slot, or a spare's number when {@code spare}
     * @param spare       a --spare-workers spare: it boots and deploys the WAR but accepts nothing until {@link #promote}
     * @param maxRequests this worker's share of --max-requests (jitter included), 0 for none
     */
    long launch(int slot, boolean spare, Config config, long maxRequests) throws IOException;

    /**
     * Does beforehand what the next {@link #launch} with {@code config} needs once for every worker (the WAR's
     * unpacked copy), so that the boot time the supervisor measures from the launch is the JVM's own: the
     * first worker of a large WAR, or the first after a HUP that changed it, was charged for the unpack.
     */
    default void prepare(Config config) {
    }

    /** Tells a ready spare to take {@code slot} and start accepting; false when it is already gone. */
    boolean promote(long pid, int slot);

    /** Sends {@code signal} to the worker; false when it is already gone. */
    boolean signal(long pid, int signal);
}
