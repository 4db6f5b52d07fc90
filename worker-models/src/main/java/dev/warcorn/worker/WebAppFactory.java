package dev.warcorn.worker;

import dev.warcorn.common.WorkerSpec;
import org.eclipse.jetty.server.Handler;

/**
 * Builds the WAR's handler for one servlet environment. Each {@code lib/eeN} of the distribution
 * provides exactly one, found with {@link java.util.ServiceLoader}, so the worker's own code never
 * names an environment's classes.
 */
public interface WebAppFactory {

    /** e.g. {@code ee10}. */
    String environment();

    /**
     * The WAR as a Jetty handler, not started. If starting it fails, it reports {@link Handler#isFailed()},
     * which tells a deploy failure (exit 4) from any other boot failure (exit 3).
     */
    Handler create(WorkerSpec spec);
}
