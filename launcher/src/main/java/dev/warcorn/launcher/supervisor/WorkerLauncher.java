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
     * @param maxRequests this worker's share of --max-requests (jitter included), 0 for none
     */
    long launch(int slot, Config config, long maxRequests) throws IOException;

    /** Sends {@code signal} to the worker; false when it is already gone. */
    boolean signal(long pid, int signal);
}
