package dev.warcorn.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A worker's figures as it reports them every second on the status pipe ({@code stats ...}). Counters
 * count from the worker JVM's start; the master adds a dead worker's last counters to its slot's base, so
 * the pool's totals never go backwards. Gauges are the worker's state at the moment it wrote the line.
 *
 * <p>Requests are counted by method (the usual nine, everything else as {@code OTHER}) and status class
 * (1xx to 5xx), so the label sets stay bounded whatever clients send.
 *
 * @param requests       completed requests, indexed {@code method * 5 + (statusClass - 1)}; see {@link #METHODS}
 * @param durations      completed requests per duration bucket (not cumulative), the last one above every bound
 * @param durationMicros the sum of the completed requests' durations
 * @param bytesIn        request bytes read (bodies)
 * @param bytesOut       response bytes written (bodies)
 * @param gcMillis       time spent in garbage collection
 * @param gcCount        garbage collections
 * @param inFlight       requests running in the application now (admitted by the worker class's cap)
 * @param waiting        requests waiting for a slot under the worker class's cap now
 * @param heapBytes      heap in use
 * @param threads        live threads
 * @param openFds        open file descriptors
 */
public record WorkerStats(long[] requests, long[] durations, long durationMicros, long bytesIn, long bytesOut,
                          long gcMillis, long gcCount, long inFlight, long waiting, long heapBytes, long threads, long openFds) {

    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "OTHER");
    public static final int STATUS_CLASSES = 5;
    /** Upper bounds of the request duration buckets, in seconds (Prometheus' client defaults). */
    public static final List<Double> DURATION_BOUNDS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);
    public static final WorkerStats EMPTY = new WorkerStats(new long[METHODS.size() * STATUS_CLASSES],
            new long[DURATION_BOUNDS.size() + 1], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public WorkerStats {
        if (requests.length != METHODS.size() * STATUS_CLASSES || durations.length != DURATION_BOUNDS.size() + 1)
            throw new IllegalArgumentException("stats: expected " + METHODS.size() * STATUS_CLASSES + " request counts and "
                    + (DURATION_BOUNDS.size() + 1) + " duration buckets");
        requests = requests.clone();
        durations = durations.clone();
    }

    /** The index of {@code method} in {@link #METHODS}; {@code OTHER} for anything unusual. */
    public static int methodIndex(String method) {
        int i = METHODS.indexOf(method);
        return i < 0 ? METHODS.size() - 1 : i;
    }

    /** The bucket of a request that took {@code nanos}. */
    public static int durationBucket(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < DURATION_BOUNDS.size(); i++) if (seconds <= DURATION_BOUNDS.get(i)) return i;
        return DURATION_BOUNDS.size();
    }

    public long requests(int method, int statusClass) {
        return requests[method * STATUS_CLASSES + statusClass - 1];
    }

    public long requestTotal() {
        return Arrays.stream(requests).sum();
    }

    public long duration(int bucket) {
        return durations[bucket];
    }

    /** The counters of both (gauges are {@code other}'s): a slot's base plus its live worker. */
    public WorkerStats plus(WorkerStats other) {
        long[] r = requests.clone();
        for (int i = 0; i < r.length; i++) r[i] += other.requests[i];
        long[] d = durations.clone();
        for (int i = 0; i < d.length; i++) d[i] += other.durations[i];
        return new WorkerStats(r, d, durationMicros + other.durationMicros, bytesIn + other.bytesIn, bytesOut + other.bytesOut,
                gcMillis + other.gcMillis, gcCount + other.gcCount, other.inFlight, other.waiting, other.heapBytes, other.threads, other.openFds);
    }

    /** The counters only, gauges zero: what a dead worker leaves to its slot. */
    public WorkerStats countersOnly() {
        return new WorkerStats(requests, durations, durationMicros, bytesIn, bytesOut, gcMillis, gcCount, 0, 0, 0, 0, 0);
    }

    /** The gauges of both added up: a pool's requests in flight, heap, threads. */
    public WorkerStats plusGauges(WorkerStats other) {
        WorkerStats sum = plus(other);
        return new WorkerStats(sum.requests, sum.durations, sum.durationMicros, sum.bytesIn, sum.bytesOut, sum.gcMillis, sum.gcCount,
                inFlight + other.inFlight, waiting + other.waiting, heapBytes + other.heapBytes, threads + other.threads, openFds + other.openFds);
    }

    /** One line, without the {@code stats } prefix: {@code req=N,N,... dur=N,... us=N in=N out=N gcms=N gcn=N fl=N wt=N heap=N thr=N fds=N}. */
    public String encode() {
        return "req=" + join(requests) + " dur=" + join(durations) + " us=" + durationMicros + " in=" + bytesIn + " out=" + bytesOut
                + " gcms=" + gcMillis + " gcn=" + gcCount + " fl=" + inFlight + " wt=" + waiting + " heap=" + heapBytes
                + " thr=" + threads + " fds=" + openFds;
    }

    /** Parses {@link #encode}'s output; throws {@link IllegalArgumentException} naming what is wrong. */
    public static WorkerStats decode(String text) {
        long[] req = null;
        long[] dur = null;
        long[] v = new long[10];
        List<String> scalars = List.of("us", "in", "out", "gcms", "gcn", "fl", "wt", "heap", "thr", "fds");
        for (String field : text.strip().split(" ")) {
            int eq = field.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("stats: field without a value: " + field);
            String key = field.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = field.substring(eq + 1);
            switch (key) {
                case "req" -> req = split(value);
                case "dur" -> dur = split(value);
                default -> {
                    int i = scalars.indexOf(key);
                    if (i >= 0) v[i] = Long.parseLong(value); // unknown keys are skipped: a newer worker may say more
                }
            }
        }
        if (req == null || dur == null) throw new IllegalArgumentException("stats: req= and dur= are required");
        return new WorkerStats(req, dur, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    private static String join(long[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ",").append(values[i]);
        return b.toString();
    }

    private static long[] split(String value) {
        return Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerStats s && Arrays.equals(requests, s.requests) && Arrays.equals(durations, s.durations)
                && encode().equals(s.encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        return "WorkerStats[" + encode() + "]";
    }
}
