package dev.warcorn.worker.jvm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;

/**
 * Notices a worker that spends most of its time collecting garbage, so that the log names it instead of
 * the worker thrashing silently (a full old generation makes the JVM run collection after collection,
 * each pause long enough to trip timeouts, while it still answers now and then).
 *
 * <p>Fed once a second with the JVM's cumulative GC time; speaks when the share of the last
 * {@link #WINDOW} spent in GC reaches {@link #THRESHOLD}, then keeps quiet for {@link #QUIET} unless the
 * pressure lifts and comes back. Time is passed in, in nanoseconds of a monotonic clock, so tests drive it.
 */
public final class GcPressure {
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final double THRESHOLD = 0.5;
    static final Duration QUIET = Duration.ofSeconds(60);

    private record Sample(long nanos, long gcMillis) {}

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final long maxHeapBytes;
    private long lastWarning = Long.MIN_VALUE;
    private boolean pressed;

    /** @param maxHeapBytes the JVM's maximum heap (-Xmx), for the message */
    public GcPressure(long maxHeapBytes) {
        this.maxHeapBytes = maxHeapBytes;
    }

    /** One observation; a message to log as a warning when the worker has just been found thrashing. */
    public Optional<String> observe(long nanos, long gcMillis, long heapUsedBytes) {
        samples.addLast(new Sample(nanos, gcMillis));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW.toNanos()) samples.removeFirst();
        Sample first = samples.peekFirst();
        long spanNanos = nanos - first.nanos();
        if (spanNanos < WINDOW.toNanos() / 2) return Optional.empty(); // too little history to judge
        double share = Math.min(1.0, (gcMillis - first.gcMillis()) * 1_000_000.0 / spanNanos);
        if (share < THRESHOLD) {
            pressed = false;
            return Optional.empty();
        }
        boolean quiet = pressed && nanos - lastWarning < QUIET.toNanos();
        pressed = true;
        if (quiet) return Optional.empty();
        lastWarning = nanos;
        return Optional.of(String.format(Locale.ROOT,
                "%.0f%% of the last %d s spent collecting garbage (heap %d of %d MB in use): the heap is too small for"
                        + " what this worker holds; raise --heap, or lower --worker-connections or --threads",
                share * 100, Math.round(spanNanos / 1e9), heapUsedBytes >> 20, maxHeapBytes >> 20));
    }
}
