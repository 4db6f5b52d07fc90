package dev.warcorn.launcher.supervisor;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.StatusMessage;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.supervisor.WorkerHandle.State;
import dev.warcorn.posix.Libc;
import dev.warcorn.posix.WaitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The master's loop: take events off one queue, handle each, kill stuck workers, keep the worker count.
 * It is the only code that changes supervisor state, so none of it needs locks.
 */
public final class Supervisor {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    /** How long the loop waits for an event before it checks timeouts anyway. */
    static final Duration TICK = Duration.ofMillis(100);
    /** A gap this long between two passes means the master itself was paused (a suspended laptop, a stopped container). */
    static final Duration PAUSE = Duration.ofSeconds(5);
    /** How long workers get to exit after a quick stop (INT) before they are killed. */
    static final Duration QUICK_STOP = Duration.ofSeconds(2);
    /** Added to --graceful-timeout: the worker's own drain before it starts stopping Jetty. */
    static final Duration DRAIN_MARGIN = Duration.ofSeconds(2);

    private record Stop(boolean graceful, ExitCode code) {
    }

    private record Respawn(int crashesInARow, long notBefore) {
    }

    private final BlockingQueue<Event> events;
    private final WorkerLauncher launcher;
    private final Clock clock;
    private Config config;
    private final Map<Long, WorkerHandle> workers = new LinkedHashMap<>();
    private final Map<Integer, Respawn> respawns = new HashMap<>();
    private Stop stop;
    private boolean allReadyLogged;
    private long lastPass;

    public Supervisor(Config config, WorkerLauncher launcher, Clock clock, BlockingQueue<Event> events) {
        this.config = config;
        this.launcher = launcher;
        this.clock = clock;
        this.events = events;
        this.lastPass = clock.nanos();
    }

    /** Runs until every worker is gone after a stop; returns the master's exit code. */
    public ExitCode run() throws InterruptedException {
        while (true) {
            ExitCode done = step(events.poll(TICK.toMillis(), TimeUnit.MILLISECONDS));
            if (done != null) return done;
        }
    }

    /** One pass: handle {@code first} and whatever else is queued, then the periodic duties. */
    ExitCode step(Event first) {
        for (Event e = first; e != null; e = events.poll()) handle(e);
        murderStuckWorkers();
        manageWorkers();
        return stop != null && workers.isEmpty() ? stop.code() : null;
    }

    private void handle(Event event) {
        switch (event) {
            case Event.SignalReceived s -> handleSignal(s.name());
            case Event.WorkerReported r -> {
                WorkerHandle w = workers.get(r.pid());
                if (w != null) handleReport(w, r.message());
            }
            case Event.WorkerExited x -> {
                WorkerHandle w = workers.remove(x.pid());
                if (w != null) reapWorker(w, x.status());
            }
        }
    }

    private void handleSignal(String name) {
        log.info("Handling signal: {}", name.toLowerCase());
        switch (name) {
            case "TERM" -> beginStop(true, ExitCode.OK);
            case "INT" -> beginStop(false, ExitCode.OK);
            case "TTIN" -> scale(config.workers() + 1);
            case "TTOU" -> {
                if (config.workers() > 1) scale(config.workers() - 1);
                else log.info("SIGTTOU ignored: already at 1 worker, the minimum");
            }
            default -> log.warn("SIGHUP, SIGUSR1 and other signals are not handled yet; ignored {}", name);
        }
    }

    private void handleReport(WorkerHandle w, StatusMessage message) {
        long now = clock.nanos();
        switch (message) {
            case StatusMessage.Ready r -> {
                w.lastBeat = now;
                if (w.state != State.BOOTING) return;
                w.state = State.READY;
                w.readyAt = now;
                log.info("{} ready in {} ms", w.id(), r.bootMillis());
                if (stop != null) stopWorker(w, stop.graceful());
                else logWhenAllReady();
            }
            case StatusMessage.Beat b -> {
                w.lastBeat = now;
                w.requests = b.requests();
            }
            case StatusMessage.Failed f -> w.failure = f;
        }
    }

    private void logWhenAllReady() {
        long ready = workers.values().stream().filter(w -> w.state == State.READY).count();
        if (!allReadyLogged && ready == config.workers()) {
            allReadyLogged = true;
            log.info("{} worker{} ready", ready, ready == 1 ? "" : "s");
        }
    }

    private void reapWorker(WorkerHandle w, WaitStatus status) {
        long now = clock.nanos();
        if (w.state == State.STOPPING || stop != null) {
            log.info("{} stopped ({})", w.id(), status);
            return;
        }
        if (w.state == State.BOOTING && !status.signalled()) {
            failedToBoot(w, status);
            return;
        }
        Respawn previous = respawns.get(w.slot);
        boolean forgiven = w.state == State.READY && now - w.readyAt >= Backoff.FORGIVE_AFTER.toNanos();
        int crashes = previous == null || forgiven ? 1 : previous.crashesInARow() + 1;
        Duration delay = Backoff.delay(crashes);
        respawns.put(w.slot, new Respawn(crashes, now + delay.toNanos()));
        String when = delay.isZero() ? "respawning" : "respawning in " + delay.toSeconds() + " s (" + crashes + " crashes in a row)";
        log.warn("{} {} {} after {} s; {}", w.id(), w.state == State.BOOTING ? "died while booting:" : "died:", status,
                Duration.ofNanos(now - w.spawnedAt).toSeconds(), when);
    }

    private void failedToBoot(WorkerHandle w, WaitStatus status) {
        StatusMessage.Failed f = w.failure;
        if (f == null && status.exitCode() == ExitCode.APP_LOAD_ERROR.code())
            f = new StatusMessage.Failed(ExitCode.APP_LOAD_ERROR, "the WAR failed to deploy; see the worker's log lines above");
        if (f == null)
            f = new StatusMessage.Failed(ExitCode.WORKER_BOOT_ERROR, status + " before it was ready; see the worker's log lines above");
        String what = f.code() == ExitCode.APP_LOAD_ERROR ? "failed to load " + config.war() : "failed to boot";
        halt(f.code(), w.id() + " " + what + ": " + f.reason());
    }

    /** Kills workers that overstay: booting past --boot-timeout, silent past --timeout, stopping past their deadline. */
    private void murderStuckWorkers() {
        long now = clock.nanos();
        boolean paused = now - lastPass > PAUSE.toNanos();
        lastPass = now;
        if (paused) {
            log.warn("the master itself was paused; skipping one check for stuck workers");
            workers.values().forEach(w -> w.lastBeat = now);
            return;
        }
        for (WorkerHandle w : new ArrayList<>(workers.values())) {
            switch (w.state) {
                case BOOTING -> {
                    if (now - w.spawnedAt > config.bootTimeout().toNanos()) {
                        launcher.signal(w.pid, Libc.SIGKILL);
                        halt(ExitCode.WORKER_BOOT_ERROR, w.id() + " failed to boot within "
                                + config.bootTimeout().toSeconds() + " s; see --boot-timeout");
                    }
                }
                case READY -> {
                    if (!config.timeout().isZero() && now - w.lastBeat > config.timeout().toNanos()) {
                        log.error("{} silent for more than {} s (see --timeout); killing it", w.id(), config.timeout().toSeconds());
                        launcher.signal(w.pid, Libc.SIGKILL);
                        w.lastBeat = now; // one kill per timeout; the reap respawns it
                    }
                }
                case STOPPING -> {
                    if (now > w.killAt) {
                        log.warn("{} still running past its stop deadline; killing it", w.id());
                        launcher.signal(w.pid, Libc.SIGKILL);
                        w.killAt = Long.MAX_VALUE;
                    }
                }
            }
        }
    }

    /** Spawns a worker for every empty slot below the target whose back-off has passed; stops workers above it. */
    private void manageWorkers() {
        if (stop != null) return;
        long now = clock.nanos();
        for (int slot = 0; slot < config.workers(); slot++) {
            if (occupied(slot)) continue;
            Respawn r = respawns.get(slot);
            if (r != null && now < r.notBefore()) continue;
            spawnWorker(slot);
            if (stop != null) return;
        }
        workers.values().stream()
                .filter(w -> w.slot >= config.workers() && w.state != State.STOPPING)
                .sorted(Comparator.comparingInt((WorkerHandle w) -> w.slot).reversed())
                .toList()
                .forEach(w -> stopWorker(w, true));
    }

    private boolean occupied(int slot) {
        return workers.values().stream().anyMatch(w -> w.slot == slot && w.state != State.STOPPING);
    }

    private void spawnWorker(int slot) {
        try {
            long pid = launcher.launch(slot);
            WorkerHandle w = new WorkerHandle(slot, pid, clock.nanos());
            workers.put(pid, w);
            log.info("{} booting", w.id());
        } catch (IOException e) {
            halt(ExitCode.WORKER_BOOT_ERROR, "worker=" + slot + " could not be started: " + e.getMessage());
        }
    }

    private void scale(int target) {
        log.info("scaling from {} to {} worker{}", config.workers(), target, target == 1 ? "" : "s");
        config = config.withWorkers(target);
        allReadyLogged = false;
    }

    private void stopWorker(WorkerHandle w, boolean graceful) {
        w.state = State.STOPPING;
        Duration grace = graceful ? config.gracefulTimeout().plus(DRAIN_MARGIN) : QUICK_STOP;
        w.killAt = clock.nanos() + grace.toNanos();
        launcher.signal(w.pid, graceful ? Libc.SIGTERM : Libc.SIGINT);
    }

    private void beginStop(boolean graceful, ExitCode code) {
        if (stop != null && (!stop.graceful() || graceful)) return; // already stopping at least this fast
        stop = new Stop(graceful, stop == null ? code : stop.code());
        log.info("Shutting down: {} stop of {} worker{}", graceful ? "graceful" : "quick", workers.size(), workers.size() == 1 ? "" : "s");
        for (WorkerHandle w : workers.values()) stopWorker(w, graceful);
    }

    /** Stops everything because a worker cannot boot: respawning would only fail again. */
    private void halt(ExitCode code, String reason) {
        log.error(reason);
        if (stop == null) stop = new Stop(false, code);
        for (WorkerHandle w : workers.values()) if (w.state != State.STOPPING) stopWorker(w, false);
    }

    /** For tests: the pids of live workers by slot. */
    Map<Integer, Long> pidsBySlot() {
        Map<Integer, Long> m = new HashMap<>();
        workers.values().stream().filter(w -> w.state != State.STOPPING).forEach(w -> m.put(w.slot, w.pid));
        return m;
    }

    int targetWorkers() {
        return config.workers();
    }
}
