package dev.warcorn.launcher.control;

import dev.warcorn.common.WorkerStats;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The master's state at one moment, as {@code warcorn ctl status}, {@code workers} and {@code top} and the
 * metrics endpoint show it.
 */
public record Snapshot(long masterPid, long uptimeSeconds, String state, int targetWorkers, List<Worker> workers, Pool pool) {
    /** Upper bounds of the boot duration buckets, in seconds; a worker JVM boots in half a second to a few seconds. */
    public static final List<Double> BOOT_BOUNDS = List.of(0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0);

    /**
     * One worker, as the master sees it; {@code bootMillis} is -1 until it is ready. A --spare-workers spare
     * has {@code spare} set, its spare number in {@code slot} and state {@code spare} once booted.
     */
    public record Worker(int slot, long pid, String state, long ageSeconds, long requests, long rssBytes, long bootMillis, WorkerStats stats,
                         boolean spare) {
        /** {@code 2}, or {@code s0} for spare 0. */
        public String slotName() {
            return spare ? "s" + slot : Integer.toString(slot);
        }
    }

    /**
     * The pool as a whole.
     *
     * @param ready       at least one worker is ready and the master is not stopping (/readyz)
     * @param slots       per slot, every worker that ever served in it: counters since the master started, live gauges
     * @param restarts    workers replaced or stopped while the master ran, by reason
     * @param boots       boots per bucket of {@code bootBounds} (not cumulative), the last above every bound
     * @param bootMillis  the sum of the boot durations
     */
    public record Pool(boolean ready, Map<Integer, WorkerStats> slots, Map<String, Long> restarts, long[] boots, long bootMillis) {
        /** Every slot added up. */
        public WorkerStats total() {
            return slots.values().stream().reduce(WorkerStats.EMPTY, WorkerStats::plusGauges);
        }
    }

    public String statusText() {
        long ready = workers.stream().filter(w -> w.state().equals("ready")).count();
        long spares = workers.stream().filter(Worker::spare).count();
        return "master pid=" + masterPid + " state=" + state + " uptime=" + uptimeSeconds + "s workers=" + ready
                + " ready of " + targetWorkers + " wanted (" + (workers.size() - spares) + " running"
                + (spares == 0 ? "" : ", " + spares + " spare" + (spares == 1 ? "" : "s")) + ")\n";
    }

    public String statusJson() {
        long ready = workers.stream().filter(w -> w.state().equals("ready")).count();
        return "{\"master_pid\":" + masterPid + ",\"state\":\"" + state + "\",\"uptime_seconds\":" + uptimeSeconds
                + ",\"target_workers\":" + targetWorkers + ",\"ready_workers\":" + ready + ",\"running_workers\":" + workers.size() + "}\n";
    }

    public String workersText() {
        StringBuilder out = new StringBuilder(String.format("%-5s %-8s %-9s %8s %10s %9s%n", "SLOT", "PID", "STATE", "AGE", "REQUESTS", "RSS_MB"));
        for (Worker w : workers)
            out.append(String.format("%-5s %-8d %-9s %7ds %10d %9d%n", w.slotName(), w.pid(), w.state(), w.ageSeconds(), w.requests(), w.rssBytes() >> 20));
        return out.toString();
    }

    public String workersJson() {
        return workers.stream().map(w -> "{\"slot\":" + w.slot() + ",\"pid\":" + w.pid() + ",\"state\":\"" + w.state()
                        + "\",\"age_seconds\":" + w.ageSeconds() + ",\"requests\":" + w.requests() + ",\"rss_bytes\":" + w.rssBytes() + ",\"spare\":" + w.spare() + "}")
                .collect(Collectors.joining(",", "[", "]\n"));
    }

    /**
     * For {@code warcorn ctl top}, which computes rates from two of these: the status line, then one line
     * per worker in a slot (spares serve nothing), {@code worker SLOT PID STATE AGE RSS BOOT_MS} and its
     * {@link WorkerStats#encode}.
     */
    public String statsText() {
        StringBuilder out = new StringBuilder(statusText());
        for (Worker w : workers) if (!w.spare())
            out.append("worker ").append(w.slot()).append(' ').append(w.pid()).append(' ').append(w.state()).append(' ')
                    .append(w.ageSeconds()).append(' ').append(w.rssBytes()).append(' ').append(w.bootMillis()).append(' ')
                    .append(w.stats().encode()).append('\n');
        return out.toString();
    }
}
