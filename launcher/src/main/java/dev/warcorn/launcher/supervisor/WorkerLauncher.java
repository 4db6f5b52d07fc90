package dev.warcorn.launcher.supervisor;

import java.io.IOException;

/**
 * Starts worker processes and signals them. The real one spawns JVMs; unit tests use a fake that
 * records calls. Whatever a worker later says or does arrives as {@link Event}s on the supervisor's queue.
 */
public interface WorkerLauncher {

    /** Starts the worker for {@code slot} and returns its pid. */
    long launch(int slot) throws IOException;

    /** Sends {@code signal} to the worker; false when it is already gone. */
    boolean signal(long pid, int signal);
}
