package dev.warcorn.launcher.supervisor;

import dev.warcorn.common.StatusMessage;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.supervisor.WorkerHandle.State;
import dev.warcorn.posix.Libc;
import dev.warcorn.posix.WaitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * --spare-workers: worker JVMs booted with the WAR deployed but not accepting, numbered 0..N-1 apart from
 * the slots ({@code spare=0 pid=…} in the log). When a slot needs a worker the supervisor takes a ready
 * one ({@link #takeReady}) and tells it to accept, so the slot is served again without a JVM boot; this
 * class keeps the count, reaps them and kills the stuck ones. A spare serves nothing, so its death is no
 * slot's crash and never stops the master. Owned by the supervisor thread.
 */
final class Spares {
    private static final Logger log = LoggerFactory.getLogger(Spares.class);

    private final WorkerLauncher launcher;
    private final Clock clock;
    private final Map<Long, WorkerHandle> spares = new LinkedHashMap<>();
    /** Per spare number: a spare that keeps dying is rebooted after 1, 2, 4 … 30 s, as a slot is. */
    private final Backoff backoff = new Backoff();

    Spares(WorkerLauncher launcher, Clock clock) {
        this.launcher = launcher;
        this.clock = clock;
    }

    /** How many spares {@code config} wants: none while the pool itself has no worker (WINCH). */
    static int wanted(Config config) {
        return config.workers() == 0 ? 0 : config.get(Settings.SPARE_WORKERS);
    }

    WorkerHandle get(long pid) {
        return spares.get(pid);
    }

    boolean isEmpty() {
        return spares.isEmpty();
    }

    Collection<WorkerHandle> all() {
        return List.copyOf(spares.values());
    }

    boolean hasReady() {
        return spares.values().stream().anyMatch(w -> w.state == State.READY);
    }

    /** The longest-ready spare, handed over to the caller (it is no spare any more), if one is ready. */
    Optional<WorkerHandle> takeReady() {
        Optional<WorkerHandle> ready = spares.values().stream().filter(w -> w.state == State.READY).findFirst();
        ready.ifPresent(w -> spares.remove(w.pid));
        return ready;
    }

    /**
     * Stops the spares above the wanted count and, when {@code mayBoot} (no worker of a slot is booting,
     * which comes first on a machine with few cores), boots the missing ones, lowest number first.
     */
    void manage(Config config, int generation, LongSupplier maxRequests, boolean mayBoot) throws IOException {
        int wanted = wanted(config);
        String why = config.workers() == 0 ? "no worker is wanted (WINCH)" : "--spare-workers is " + wanted;
        for (WorkerHandle w : all())
            if (w.spare >= wanted && w.state != State.STOPPING) stop(w, config, true, why);
        if (!mayBoot) return;
        for (int n = 0; n < wanted; n++) {
            if (live(n) || !backoff.mayRespawn(n, clock.nanos())) continue;
            launcher.prepare(config);
            long now = clock.nanos();
            long pid = launcher.launch(n, true, config, maxRequests.getAsLong());
            WorkerHandle w = new WorkerHandle(-1, pid, now);
            w.spare = n;
            w.generation = generation;
            spares.put(pid, w);
            log.info("{} booting", w.id());
        }
    }

    private boolean live(int n) {
        return spares.values().stream().anyMatch(w -> w.spare == n && w.state != State.STOPPING);
    }

    void report(WorkerHandle w, StatusMessage message, PoolMetrics metrics) {
        long now = clock.nanos();
        switch (message) {
            case StatusMessage.Ready r -> {
                w.lastBeat = now;
                if (w.state != State.BOOTING) return;
                w.state = State.READY;
                w.readyAt = now;
                w.bootMillis = Duration.ofNanos(now - w.spawnedAt).toMillis();
                metrics.booted(w.bootMillis);
                if (w.reopenLogsWhenReady) launcher.signal(w.pid, Libc.SIGUSR1);
                log.info("{} ready in {} ms ({}), not accepting until it takes a slot", w.id(), w.bootMillis, WorkerHandle.bootParts(w.bootMillis, r.mainMillis()));
            }
            case StatusMessage.Beat b -> {
                w.lastBeat = now;
                w.requests = b.requests();
            }
            case StatusMessage.Stats s -> w.stats = s.stats();
            case StatusMessage.Failed f -> w.failure = f;
            case StatusMessage.Recycle r -> {
                // a spare serves nothing, so it reaches no --max-requests share
            }
            case StatusMessage.Accepting a -> log.warn("{} says it accepts although it was never told to; ignored", w.id());
        }
    }

    /** A spare was reaped: unless it was stopped, a new one boots in its number (after a back-off when it keeps dying). */
    void reaped(long pid, WaitStatus status, boolean masterStopping) {
        WorkerHandle w = spares.remove(pid);
        if (w == null) return;
        long now = clock.nanos();
        if (w.state == State.STOPPING || masterStopping) {
            log.info("{} stopped ({})", w.id(), status);
            return;
        }
        boolean forgiven = w.state == State.READY && now - w.readyAt >= Backoff.FORGIVE_AFTER.toNanos();
        int deaths = backoff.crashed(w.spare, forgiven, now);
        Duration delay = Backoff.delay(deaths);
        String next = delay.isZero() ? "a new spare boots" : "a new spare boots in " + delay.toSeconds() + " s (" + deaths + " in a row)";
        if (w.state == State.BOOTING && !status.signalled())
            log.error("{} failed to boot ({}{}); the workers in the slots keep serving; {}", w.id(), status,
                    w.failure == null ? "" : ": " + w.failure.reason(), next);
        else
            log.warn("{} died{}: {}; {}", w.id(), w.state == State.BOOTING ? " while booting" : "", status, next);
    }

    /** Kills spares that overstay: booting past --boot-timeout, silent past --timeout, stopping past their deadline. */
    void murderStuck(Config config, long now) {
        for (WorkerHandle w : all()) {
            switch (w.state) {
                case BOOTING -> {
                    if (!w.killed && now - w.spawnedAt > config.bootTimeout().toNanos()) {
                        log.error("{} failed to boot within {} s (see --boot-timeout); killing it", w.id(), config.bootTimeout().toSeconds());
                        kill(w);
                    }
                }
                case READY -> {
                    if (!w.killed && !config.timeout().isZero() && now - w.lastBeat > config.timeout().toNanos()) {
                        log.error("{} silent for more than {} s (see --timeout); killing it", w.id(), config.timeout().toSeconds());
                        kill(w);
                    }
                }
                case STOPPING -> w.killIfStopOverdue(now, launcher);
            }
        }
    }

    private void kill(WorkerHandle w) {
        launcher.signal(w.pid, Libc.SIGKILL);
        w.killed = true;
    }

    /** Stops every spare: a reload (spares must never serve an old configuration) or the master's own stop. */
    void stopAll(Config config, boolean graceful, String why) {
        for (WorkerHandle w : all()) if (w.state != State.STOPPING) stop(w, config, graceful, why);
    }

    private void stop(WorkerHandle w, Config config, boolean graceful, String why) {
        log.info("{} stopping: {}", w.id(), why);
        w.state = State.STOPPING;
        Duration grace = graceful ? config.gracefulTimeout().plus(Supervisor.DRAIN_MARGIN) : Supervisor.QUICK_STOP;
        w.killAt = clock.nanos() + grace.toNanos();
        launcher.signal(w.pid, graceful ? Libc.SIGTERM : Libc.SIGINT);
    }

    /** USR1: a ready spare reopens its logs now, a booting one once ready (USR1 kills a JVM without the handler). */
    void reopenLogs() {
        for (WorkerHandle w : spares.values()) {
            if (w.state == State.BOOTING) w.reopenLogsWhenReady = true;
            else launcher.signal(w.pid, Libc.SIGUSR1);
        }
    }

    /** For tests: the spares' pids by number, stopping ones left out. */
    Map<Integer, Long> pidsByNumber() {
        Map<Integer, Long> m = new java.util.TreeMap<>();
        spares.values().stream().filter(w -> w.state != State.STOPPING).forEach(w -> m.put(w.spare, w.pid));
        return m;
    }

    List<WorkerHandle> ordered() {
        List<WorkerHandle> l = new ArrayList<>(spares.values());
        l.sort(java.util.Comparator.comparingInt(w -> w.spare));
        return l;
    }
}
