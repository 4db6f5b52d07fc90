package dev.warcorn.worker.jvm;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The worker's count of open file descriptors, for its stats line, read anew at most every {@link #EVERY}.
 *
 * <p>The JDK counts them by listing {@code /proc/self/fd}, and the kernel builds an entry for every one: 1.1 ms
 * a call at 5,000 descriptors and 7.9 ms at 10,000 in a plain JVM, and a worker holds two per request in
 * flight to an upstream. Read with every stats line, once a second, that listing was most of the stats
 * thread's CPU at 5,000 clients (perf on the thread: {@code proc_readfd_common}, {@code proc_fill_cache},
 * {@code __d_lookup}): 7–17 ms a second then, 4–9 ms with this. A gauge up to ten seconds old is what a
 * Prometheus scrape every 15 s sees anyway. Time is passed in, in nanoseconds of a monotonic clock, so tests
 * drive it.
 *
 * <p>A worker out of file descriptors cannot list them: the JDK then throws {@link InternalError} ("errno: 24 …
 * Unable to open directory /proc/self/fd"), which killed the stats thread for the rest of the worker's life in
 * the c10000 bench rows. The last count stands then, and the next call tries again.
 */
public final class OpenFds {
    static final Duration EVERY = Duration.ofSeconds(10);

    private final LongSupplier count;
    private boolean read;
    private long readAt;
    private long last;

    OpenFds(LongSupplier count) {
        this.count = count;
    }

    /** This JVM's count, or always 0 where the JDK does not give one. */
    public static OpenFds ofThisJvm() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? new OpenFds(unix::getOpenFileDescriptorCount)
                : new OpenFds(() -> 0);
    }

    /** The count at {@code nanos}: the last one read, unless it is {@link #EVERY} old or none was read yet. */
    public synchronized long at(long nanos) {
        if (!read || nanos - readAt >= EVERY.toNanos()) {
            try {
                last = count.getAsLong();
            } catch (InternalError | RuntimeException outOfFiles) {
                return last;
            }
            readAt = nanos;
            read = true;
        }
        return last;
    }
}
