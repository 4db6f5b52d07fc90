package dev.warcorn.launcher.metrics;

import dev.warcorn.common.WorkerStats;
import dev.warcorn.launcher.control.Snapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The pool's metrics, made at each scrape from one supervisor {@link Snapshot} (the supervisor answers on
 * its own thread, so a scrape never races the loop). Labels are bounded: {@code slot} (never a pid, which
 * changes on every restart), method, status class, state, reason.
 */
final class PoolCollector implements MultiCollector {
    private final Supplier<Optional<Snapshot>> snapshots;
    private final BuildInfo build;

    PoolCollector(Supplier<Optional<Snapshot>> snapshots, BuildInfo build) {
        this.snapshots = snapshots;
        this.build = build;
    }

    @Override
    public MetricSnapshots collect() {
        List<io.prometheus.metrics.model.snapshots.MetricSnapshot> out = new ArrayList<>();
        out.add(InfoSnapshot.builder().name("warcorn_build").help("warcorn, the JDK, the Jetty of the workers and the WAR's servlet environment")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("version", build.warcorn(), "jdk", build.jdk(),
                        "jetty", build.jetty(), "servlet_environment", build.environment())).build())
                .build());
        Optional<Snapshot> taken = snapshots.get();
        if (taken.isEmpty()) return new MetricSnapshots(out); // the loop did not answer: /healthz says so
        Snapshot s = taken.get();
        Map<Integer, WorkerStats> slots = s.pool().slots();

        CounterSnapshot.Builder requests = CounterSnapshot.builder().name("warcorn_requests")
                .help("Requests the workers completed, by slot, method and status class; a restarted worker's counts stay in its slot");
        for (var e : slots.entrySet()) {
            for (int m = 0; m < WorkerStats.METHODS.size(); m++) {
                for (int c = 1; c <= WorkerStats.STATUS_CLASSES; c++) {
                    long n = e.getValue().requests(m, c);
                    if (n == 0 && !(m == 0 && c == 2)) continue; // GET 2xx always, so the series exists from the start
                    requests.dataPoint(CounterDataPointSnapshot.builder().value(n)
                            .labels(Labels.of("slot", slot(e.getKey()), "method", WorkerStats.METHODS.get(m), "status", c + "xx")).build());
                }
            }
        }
        out.add(requests.build());

        HistogramSnapshot.Builder durations = HistogramSnapshot.builder().name("warcorn_request_duration_seconds").unit(Unit.SECONDS)
                .help("Time from the request reaching the worker to its response completing, wait for a slot included");
        List<Double> bounds = new ArrayList<>(WorkerStats.DURATION_BOUNDS);
        bounds.add(Double.POSITIVE_INFINITY);
        for (var e : slots.entrySet()) {
            List<Long> counts = new ArrayList<>();
            for (int b = 0; b < bounds.size(); b++) counts.add(e.getValue().duration(b));
            durations.dataPoint(HistogramDataPointSnapshot.builder().classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                    .sum(e.getValue().durationMicros() / 1e6).labels(Labels.of("slot", slot(e.getKey()))).build());
        }
        out.add(durations.build());

        out.add(perSlotCounter(slots, "warcorn_request_bytes", Unit.BYTES, "Request body bytes read", WorkerStats::bytesIn));
        out.add(perSlotCounter(slots, "warcorn_response_bytes", Unit.BYTES, "Response body bytes written", WorkerStats::bytesOut));
        out.add(perSlotGauge(slots, "warcorn_requests_in_flight", null, "Requests running in the application now", WorkerStats::inFlight));
        out.add(perSlotGauge(slots, "warcorn_requests_waiting", null,
                "Requests waiting for a slot under the worker class's cap (--threads, --worker-connections)", WorkerStats::waiting));

        GaugeSnapshot.Builder states = GaugeSnapshot.builder().name("warcorn_workers").help("Worker processes by state");
        for (String state : List.of("booting", "ready", "draining", "spare")) {
            long n = s.workers().stream().filter(w -> w.state().equals(state)).count();
            states.dataPoint(GaugeDataPointSnapshot.builder().value(n).labels(Labels.of("state", state)).build());
        }
        out.add(states.build());
        out.add(GaugeSnapshot.builder().name("warcorn_workers_wanted").help("The number of workers the master keeps (--workers, TTIN, TTOU)")
                .dataPoint(GaugeDataPointSnapshot.builder().value(s.targetWorkers()).build()).build());

        CounterSnapshot.Builder restarts = CounterSnapshot.builder().name("warcorn_worker_restarts")
                .help("Workers replaced or stopped while the master ran: crash, timeout (silent past --timeout), max-requests, memory, reload (HUP), scale (TTOU)");
        s.pool().restarts().forEach((reason, n) -> restarts.dataPoint(CounterDataPointSnapshot.builder().value(n)
                .labels(Labels.of("reason", reason)).build()));
        out.add(restarts.build());

        List<Double> bootBounds = new ArrayList<>(Snapshot.BOOT_BOUNDS);
        bootBounds.add(Double.POSITIVE_INFINITY);
        List<Long> boots = new ArrayList<>();
        for (long n : s.pool().boots()) boots.add(n);
        out.add(HistogramSnapshot.builder().name("warcorn_worker_boot_seconds").unit(Unit.SECONDS)
                .help("Time from a worker JVM's start to its ready")
                .dataPoint(HistogramDataPointSnapshot.builder().classicHistogramBuckets(ClassicHistogramBuckets.of(bootBounds, boots))
                        .sum(s.pool().bootMillis() / 1e3).build())
                .build());

        // Per worker, labelled by slot: during a replacement two workers share a slot, and their figures add up.
        out.add(workerGauge(s, "warcorn_worker_resident_memory_bytes", Unit.BYTES, "Resident memory (RSS) of the workers in the slot", Snapshot.Worker::rssBytes));
        out.add(perSlotGauge(slots, "warcorn_worker_heap_used_bytes", Unit.BYTES, "Heap in use", WorkerStats::heapBytes));
        out.add(perSlotCounter(slots, "warcorn_worker_gc_seconds", Unit.SECONDS, "Time spent in garbage collection", st -> st.gcMillis()));
        out.add(perSlotCounter(slots, "warcorn_worker_gc_collections", null, "Garbage collections", WorkerStats::gcCount));
        out.add(perSlotGauge(slots, "warcorn_worker_threads", null, "Live threads", WorkerStats::threads));
        out.add(perSlotGauge(slots, "warcorn_worker_open_fds", null, "Open file descriptors", WorkerStats::openFds));
        return new MetricSnapshots(out);
    }

    private static String slot(int slot) {
        return Integer.toString(slot);
    }

    private static CounterSnapshot perSlotCounter(Map<Integer, WorkerStats> slots, String name, Unit unit, String help, ToLongFunction<WorkerStats> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        if (unit != null) b.unit(unit);
        double scale = unit == Unit.SECONDS ? 1e-3 : 1; // gc time is counted in milliseconds
        slots.forEach((slot, st) -> b.dataPoint(CounterDataPointSnapshot.builder().value(value.applyAsLong(st) * scale)
                .labels(Labels.of("slot", slot(slot))).build()));
        return b.build();
    }

    private static GaugeSnapshot perSlotGauge(Map<Integer, WorkerStats> slots, String name, Unit unit, String help, ToLongFunction<WorkerStats> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) b.unit(unit);
        slots.forEach((slot, st) -> b.dataPoint(GaugeDataPointSnapshot.builder().value(value.applyAsLong(st))
                .labels(Labels.of("slot", slot(slot))).build()));
        return b.build();
    }

    private static GaugeSnapshot workerGauge(Snapshot s, String name, Unit unit, String help, ToLongFunction<Snapshot.Worker> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help).unit(unit);
        Map<Integer, Long> bySlot = new java.util.TreeMap<>();
        for (Snapshot.Worker w : s.workers()) bySlot.merge(w.slot(), value.applyAsLong(w), Long::sum);
        bySlot.forEach((slot, v) -> b.dataPoint(GaugeDataPointSnapshot.builder().value(v).labels(Labels.of("slot", slot(slot))).build()));
        return b.build();
    }
}
