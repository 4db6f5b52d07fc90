package dev.warcorn.launcher.supervisor;

import dev.warcorn.common.WorkerStats;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pool has done since the master started, beyond what its live workers report: each slot's base
 * (the last counters of every worker that served in it and is gone, so a restart never makes a total go
 * backwards), restarts by reason and boot durations. Owned by the supervisor thread.
 */
final class PoolMetrics {
    /** Why a worker was replaced or stopped while the master kept running: the label of warcorn_worker_restarts_total. */
    enum Restart {
        CRASH("crash"), TIMEOUT("timeout"), MAX_REQUESTS("max-requests"), MEMORY("memory"), LIFETIME("lifetime"), RELOAD("reload"), SCALE("scale");

        final String label;

        Restart(String label) {
            this.label = label;
        }
    }

    private static final List<Double> BOOT_BOUNDS = dev.warcorn.launcher.control.Snapshot.BOOT_BOUNDS;

    private final Map<Integer, WorkerStats> base = new TreeMap<>();
    private final EnumMap<Restart, Long> restarts = new EnumMap<>(Restart.class);
    private final long[] boots = new long[BOOT_BOUNDS.size() + 1];
    private long bootMillis;

    PoolMetrics() {
        for (Restart r : Restart.values()) restarts.put(r, 0L);
    }

    /** A worker is gone: its slot keeps what it counted. */
    void absorb(WorkerHandle w) {
        base.merge(w.slot, w.stats.countersOnly(), WorkerStats::plus);
    }

    void restarted(Restart why) {
        restarts.merge(why, 1L, Long::sum);
    }

    void booted(long millis) {
        int bucket = BOOT_BOUNDS.size();
        for (int i = 0; i < BOOT_BOUNDS.size(); i++) {
            if (millis <= BOOT_BOUNDS.get(i) * 1000) {
                bucket = i;
                break;
            }
        }
        boots[bucket]++;
        bootMillis += millis;
    }

    /** Per slot: its base plus the counters and gauges of the workers serving in it now. */
    Map<Integer, WorkerStats> slots(Collection<WorkerHandle> live) {
        Map<Integer, WorkerStats> slots = new TreeMap<>(base);
        for (WorkerHandle w : live) slots.merge(w.slot, w.stats, WorkerStats::plusGauges);
        return slots;
    }

    Map<String, Long> restarts() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        restarts.forEach((r, n) -> m.put(r.label, n));
        return m;
    }

    long[] boots() {
        return boots.clone();
    }

    long bootMillis() {
        return bootMillis;
    }
}
