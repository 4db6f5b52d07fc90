package dev.warcorn.launcher.supervisor;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.StatusMessage;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.control.ControlRequest;
import dev.warcorn.launcher.control.Snapshot;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

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
    /** Time for a silent worker's thread dump (SIGQUIT) to reach the log before SIGKILL. */
    static final Duration DUMP_GRACE = Duration.ofSeconds(1);
    /** Memory is read this often; a worker above --max-worker-memory on 3 reads in a row is replaced. */
    static final Duration MEMORY_CHECK = Duration.ofSeconds(1);
    static final int MEMORY_STRIKES = 3;

    private record Stop(boolean graceful, ExitCode code) {
    }

    /** What left a slot empty, and when (the master's clock): a promoted spare's log line measures from it. */
    private record Vacancy(String what, long at) {
    }

    private final BlockingQueue<Event> events;
    private final WorkerLauncher launcher;
    private final Clock clock;
    private final ConfigSource configSource;
    private final MemoryProbe memory;
    private final RandomGenerator random;
    private final Lifecycle lifecycle;
    private Config config;
    private final Map<Long, WorkerHandle> workers = new LinkedHashMap<>();
    private final Backoff backoff = new Backoff();
    /** Workers to replace --max-surge at a time, replacement first (HUP, --max-requests, --max-worker-memory, --max-worker-lifetime). */
    private final Retirements retirements = new Retirements();
    private final PoolMetrics metrics = new PoolMetrics();
    /** --spare-workers: booted, not accepting, not in {@link #workers} until one takes a slot. */
    private final Spares spares;
    /** Empty slots by what emptied them, until a worker or a spare fills them. */
    private final Map<Integer, Vacancy> vacancies = new HashMap<>();
    private Stop stop;
    /** How many reloads began; a worker spawned before the latest is out of date. */
    private int reloads;
    /** When the latest reload began (the master's clock), until every worker is ready again; 0 for none. */
    private long reloadBegan;
    private boolean allReadyLogged;
    private long lastPass;
    private long lastMemoryCheck;
    private final long startedAt;

    public Supervisor(Config config, WorkerLauncher launcher, Clock clock, BlockingQueue<Event> events,
                      ConfigSource configSource, MemoryProbe memory, RandomGenerator random, Lifecycle lifecycle) {
        this.config = config;
        this.launcher = launcher;
        this.clock = clock;
        this.events = events;
        this.configSource = configSource;
        this.memory = memory;
        this.random = random;
        this.lifecycle = lifecycle;
        this.spares = new Spares(launcher, clock);
        this.lastPass = clock.nanos();
        this.lastMemoryCheck = lastPass;
        this.startedAt = lastPass;
    }

    /** Runs until every worker is gone after a stop; returns the master's exit code. */
    public ExitCode run() throws InterruptedException {
        // The first pass does not wait for an event: the first workers were spawned a whole tick late (100 ms of every start).
        ExitCode done = step(events.poll());
        while (done == null) done = step(events.poll(TICK.toMillis(), TimeUnit.MILLISECONDS));
        return done;
    }

    /** One pass: handle {@code first} and whatever else is queued, then the periodic duties. */
    ExitCode step(Event first) {
        for (Event e = first; e != null; e = events.poll()) handle(e);
        murderStuckWorkers();
        checkMemory();
        recycleOldWorkers();
        manageWorkers();
        lifecycle.alive();
        return stop != null && workers.isEmpty() && spares.isEmpty() ? stop.code() : null;
    }

    private void handle(Event event) {
        switch (event) {
            case Event.SignalReceived s -> handleSignal(s.name());
            case Event.WorkerReported r -> {
                WorkerHandle w = workers.get(r.pid());
                if (w != null) handleReport(w, r.message());
                else if (spares.get(r.pid()) != null) spares.report(spares.get(r.pid()), r.message(), metrics);
            }
            case Event.Control c -> control(c.request());
            case Event.FilesChanged f -> reload("--reload: " + f.paths().size() + " changed file" + (f.paths().size() == 1 ? "" : "s")
                    + " (" + f.paths().getFirst() + (f.paths().size() > 1 ? ", ..." : "") + ")");
            case Event.Query q -> q.reply().complete(snapshot());
            case Event.WorkerExited x -> {
                WorkerHandle w = workers.remove(x.pid());
                if (w != null) {
                    metrics.absorb(w);
                    reapWorker(w, x.status());
                } else {
                    spares.reaped(x.pid(), x.status(), stop != null);
                }
            }
        }
    }

    private void handleSignal(String name) {
        log.info("Handling signal: {}", name.toLowerCase());
        switch (name) {
            case "TERM" -> beginStop(true, ExitCode.OK);
            case "INT" -> beginStop(false, ExitCode.OK);
            case "HUP" -> reload("reload (SIGHUP)");
            case "TTIN" -> scale(config.workers() + 1);
            case "TTOU" -> {
                if (config.workers() > 1) scale(config.workers() - 1);
                else log.info("SIGTTOU ignored: already at 1 worker, the minimum");
            }
            case "USR1" -> reopenLogs();
            case "USR2" -> lifecycle.upgrade();
            case "WINCH" -> {
                log.info("SIGWINCH: stopping every worker gracefully; the master stays (TTIN or HUP starts them again)");
                config = config.withWorkers(0);
            }
            default -> log.warn("SIG{} is not handled; ignored", name);
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
                // the master's own clock, spawn call to ready line: the worker's figure counts from /proc's start
                // time, which is rounded to the boot second
                w.bootMillis = Duration.ofNanos(now - w.spawnedAt).toMillis();
                metrics.booted(w.bootMillis);
                if (w.reopenLogsWhenReady) launcher.signal(w.pid, Libc.SIGUSR1);
                log.info("{} ready in {} ms ({})", w.id(), w.bootMillis, WorkerHandle.bootParts(w.bootMillis, r.mainMillis()));
                lifecycle.workerReady(w.slot, w.pid, w.bootMillis);
                if (stop != null) stopWorker(w, stop.graceful());
                else retireReplaced(w);
                if (stop == null && w.generation < reloads) retirements.add(w, PoolMetrics.Restart.RELOAD, "a reload began while it booted");
                logWhenAllReady();
            }
            case StatusMessage.Beat b -> {
                w.lastBeat = now;
                w.requests = b.requests();
            }
            case StatusMessage.Stats s -> w.stats = s.stats(); // not a beat: the stats thread runs even when requests are stuck
            case StatusMessage.Recycle r -> retirements.add(w, PoolMetrics.Restart.MAX_REQUESTS, "served " + r.requests() + " requests (--max-requests)");
            case StatusMessage.Failed f -> w.failure = f;
            case StatusMessage.Accepting a -> {
                if (!w.promoting) return;
                w.promoting = false;
                log.info("{} promoted from {} in {} ms after {}", w.id(), w.promotedFrom, Duration.ofNanos(now - w.vacatedAt).toMillis(), w.vacancy);
                if (stop == null) retireReplaced(w);
            }
        }
    }

    /**
     * A ready spare takes {@code slot}, so the slot is served again without a JVM boot: it counts as the
     * slot's worker at once and is told to accept; its {@code accepting} line ends the promotion (and, for a
     * planned replacement, stops the worker it replaces). False when no spare is ready.
     */
    private boolean promoteSpare(int slot, long replaces, Vacancy why) {
        var taken = spares.takeReady();
        if (taken.isEmpty()) return false;
        WorkerHandle w = taken.get();
        long now = clock.nanos();
        String was = w.id();
        w.promotedFrom = "spare=" + w.spare;
        w.promoting = true;
        w.spare = -1;
        w.slot = slot;
        w.vacancy = why.what();
        w.vacatedAt = why.at();
        w.replaces = replaces;
        w.readyAt = now; // its back-off forgiveness and lifetime count from the moment it serves
        w.lastBeat = now;
        w.retireAt = retireAt(now);
        workers.put(w.pid, w);
        log.info("{} takes slot worker={} ({})", was, slot, why.what());
        if (!launcher.promote(w.pid, slot)) log.warn("{} could not be told to accept; it is exiting, and the slot gets another worker then", w.id());
        lifecycle.workerReady(slot, w.pid, w.bootMillis);
        return true;
    }

    /** A replacement is ready: its predecessor stops now, without refusing a request. */
    private void retireReplaced(WorkerHandle replacement) {
        if (replacement.replaces == 0) return;
        WorkerHandle old = workers.get(replacement.replaces);
        replacement.replaces = 0;
        if (old != null && old.state != State.STOPPING) {
            log.info("{} replaced by pid={}; stopping it gracefully", old.id(), replacement.pid);
            stopWorker(old, true);
        }
    }

    private void logWhenAllReady() {
        long ready = workers.values().stream().filter(w -> w.state == State.READY && !w.retiring).count();
        if (!allReadyLogged && ready >= config.workers() && retirements.isEmpty()) {
            allReadyLogged = true;
            if (reloadBegan == 0) log.info("{} worker{} ready", ready, ready == 1 ? "" : "s");
            else log.info("{} worker{} ready, {} ms after the reload began", ready, ready == 1 ? "" : "s", (clock.nanos() - reloadBegan) / 1_000_000);
            reloadBegan = 0;
            lifecycle.ready((int) ready);
        }
    }

    private void reapWorker(WorkerHandle w, WaitStatus status) {
        long now = clock.nanos();
        lifecycle.workerExited(w.slot, w.pid, status, exitReason(w));
        if (w.state == State.STOPPING || stop != null) {
            log.info("{} stopped ({})", w.id(), status);
            return;
        }
        if (w.replaces != 0) { // a replacement that never became ready: keep the worker it was to replace
            WorkerHandle old = workers.get(w.replaces);
            if (old != null) {
                old.retiring = false;
                // past its lifetime it would be queued again at once: give the next try a lifetime's wait
                if (old.retireAt <= now) old.retireAt = now + config.get(Settings.MAX_WORKER_LIFETIME).toNanos();
            }
            int dropped = retirements.dropAll();
            log.error("{} failed to boot as a replacement ({}{}); keeping {} and dropping {} pending replacement{}",
                    w.id(), status, w.failure == null ? "" : ": " + w.failure.reason(),
                    old == null ? "the old worker" : old.id(), dropped, dropped == 1 ? "" : "s");
            return;
        }
        if (w.state == State.BOOTING && !status.signalled()) {
            failedToBoot(w, status);
            return;
        }
        metrics.restarted(w.silenced ? PoolMetrics.Restart.TIMEOUT : PoolMetrics.Restart.CRASH);
        boolean forgiven = w.state == State.READY && now - w.readyAt >= Backoff.FORGIVE_AFTER.toNanos();
        int crashes = backoff.crashed(w.slot, forgiven, now);
        Duration delay = Backoff.delay(crashes);
        vacancies.put(w.slot, new Vacancy(w.id() + " exited (" + status + ")", now));
        String respawn = spares.hasReady() ? "a spare takes its slot" : "respawning";
        String when = delay.isZero() ? respawn : respawn + " in " + delay.toSeconds() + " s (" + crashes + " crashes in a row)";
        log.warn("{} {} {}{} after {} s; {}", w.id(), w.state == State.BOOTING ? "died while booting:" : "died:", status,
                outOfMemory(w, status) ? " (OutOfMemoryError: the JVM exits with 3 under -XX:+ExitOnOutOfMemoryError; see --heap)" : "",
                Duration.ofNanos(now - w.spawnedAt).toSeconds(), when);
    }

    /** Why a worker ended, in one word, for --worker-exit. */
    private String exitReason(WorkerHandle w) {
        if (w.state == State.STOPPING || stop != null) return "stopped";
        if (w.state == State.BOOTING) return w.killed ? "boot-timeout" : "boot-failed";
        return w.dumpRequestedAt != 0 ? "silent" : "crashed";
    }

    /** A ready worker never exits with 3 by itself: the JVM does, on OutOfMemoryError, with the flag workers get. */
    private static boolean outOfMemory(WorkerHandle w, WaitStatus status) {
        return w.state == State.READY && !status.signalled() && status.exitCode() == ExitCode.WORKER_BOOT_ERROR.code();
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

    /**
     * Kills workers that overstay: booting past --boot-timeout, silent past --timeout (a thread dump
     * first), stopping past their deadline.
     */
    private void murderStuckWorkers() {
        long now = clock.nanos();
        boolean paused = now - lastPass > PAUSE.toNanos();
        lastPass = now;
        if (paused) {
            log.warn("the master itself was paused; skipping one check for stuck workers");
            workers.values().forEach(w -> w.lastBeat = now);
            spares.all().forEach(w -> w.lastBeat = now);
            return;
        }
        spares.murderStuck(config, now);
        for (WorkerHandle w : new ArrayList<>(workers.values())) {
            switch (w.state) {
                case BOOTING -> {
                    if (!w.killed && now - w.spawnedAt > config.bootTimeout().toNanos()) bootTimedOut(w);
                }
                case READY -> {
                    if (w.dumpRequestedAt != 0 && now - w.dumpRequestedAt > DUMP_GRACE.toNanos()) {
                        launcher.signal(w.pid, Libc.SIGKILL);
                        w.dumpRequestedAt = Long.MAX_VALUE; // once; the reap respawns it
                    } else if (w.dumpRequestedAt == 0 && !config.timeout().isZero() && now - w.lastBeat > config.timeout().toNanos()) {
                        log.error("{} silent for more than {} s (see --timeout); its thread dump follows, then it is killed",
                                w.id(), config.timeout().toSeconds());
                        launcher.signal(w.pid, Libc.SIGQUIT);
                        w.dumpRequestedAt = now;
                        w.silenced = true;
                    }
                }
                case STOPPING -> w.killIfStopOverdue(now, launcher);
            }
        }
    }

    private void bootTimedOut(WorkerHandle w) {
        launcher.signal(w.pid, Libc.SIGKILL);
        String why = w.id() + " failed to boot within " + config.bootTimeout().toSeconds() + " s; see --boot-timeout";
        if (w.replaces != 0) {
            log.error(why);
            w.failure = new StatusMessage.Failed(ExitCode.WORKER_BOOT_ERROR, "not ready within --boot-timeout");
            w.killed = true;
        } else {
            halt(ExitCode.WORKER_BOOT_ERROR, why);
        }
    }

    /** --max-worker-memory: a worker above it on several reads in a row is replaced. */
    private void checkMemory() {
        var limit = config.optional(Settings.MAX_WORKER_MEMORY);
        long now = clock.nanos();
        if (limit.isEmpty() || now - lastMemoryCheck < MEMORY_CHECK.toNanos()) return;
        lastMemoryCheck = now;
        for (WorkerHandle w : new ArrayList<>(workers.values())) {
            if (w.state != State.READY || w.retiring) continue;
            long rss = memory.rssBytes(w.pid).orElse(0);
            w.rssStrikes = rss > limit.get() ? w.rssStrikes + 1 : 0;
            if (w.rssStrikes >= MEMORY_STRIKES)
                retirements.add(w, PoolMetrics.Restart.MEMORY, "resident memory " + (rss >> 20) + " MB above --max-worker-memory " + (limit.get() >> 20) + " MB");
        }
    }

    /** --max-worker-lifetime: a ready worker past its own (jittered) lifetime joins the replacement queue. */
    private void recycleOldWorkers() {
        long now = clock.nanos();
        for (WorkerHandle w : new ArrayList<>(workers.values())) {
            if (w.state == State.READY && !w.retiring && now >= w.retireAt)
                retirements.add(w, PoolMetrics.Restart.LIFETIME, "lived " + Duration.ofNanos(now - w.spawnedAt).toSeconds() + " s (--max-worker-lifetime)");
        }
    }

    /** A {@code warcorn ctl} command: answered from supervisor state, acted on like the matching signal. */
    private void control(ControlRequest r) {
        r.reply().complete(ControlCommands.answer(this, r));
    }

    Snapshot snapshot() {
        long now = clock.nanos();
        String state = stop != null ? "stopping" : retirements.isEmpty() && workers.values().stream().noneMatch(w -> w.replaces != 0) ? "running" : "replacing";
        boolean ready = stop == null && workers.values().stream().anyMatch(w -> w.state == State.READY);
        List<Snapshot.Worker> rows = new ArrayList<>();
        workers.values().stream().sorted(Comparator.comparingInt((WorkerHandle w) -> w.slot))
                .forEach(w -> rows.add(new Snapshot.Worker(w.slot, w.pid, stateName(w), Duration.ofNanos(now - w.spawnedAt).toSeconds(),
                        w.requests, memory.rssBytes(w.pid).orElse(0), w.bootMillis, w.stats, false)));
        for (WorkerHandle w : spares.ordered())
            rows.add(new Snapshot.Worker(w.spare, w.pid, w.state == State.READY ? "spare" : stateName(w), Duration.ofNanos(now - w.spawnedAt).toSeconds(),
                    w.requests, memory.rssBytes(w.pid).orElse(0), w.bootMillis, w.stats, true));
        return new Snapshot(ProcessHandle.current().pid(), Duration.ofNanos(now - startedAt).toSeconds(), state, config.workers(),
                rows,
                new Snapshot.Pool(ready, metrics.slots(workers.values()), metrics.restarts(), metrics.boots(), metrics.bootMillis()));
    }

    /** A stopping worker drains (it serves what its connections still send, then exits). */
    private static String stateName(WorkerHandle w) {
        return w.state == State.STOPPING ? "draining" : w.state.name().toLowerCase();
    }

    /**
     * Spawns a worker for every empty slot below the target whose back-off has passed; starts the next
     * pending replacement; stops workers above the target.
     */
    private void manageWorkers() {
        if (stop != null) return;
        long now = clock.nanos();
        for (int slot = 0; slot < config.workers(); slot++) {
            if (occupied(slot) || !backoff.mayRespawn(slot, now)) continue;
            Vacancy why = vacancies.remove(slot);
            if (promoteSpare(slot, 0, why != null ? why : new Vacancy("worker=" + slot + " was empty", now))) continue;
            spawnWorker(slot, 0);
            if (stop != null) return;
        }
        replaceNext();
        try {
            // a booting worker, or a spare taking a slot, first: a JVM boot beside it would take a core from it
            spares.manage(config, reloads, this::maxRequestsShare, workers.values().stream().noneMatch(w -> w.state == State.BOOTING || w.promoting));
        } catch (IOException e) {
            halt(ExitCode.WORKER_BOOT_ERROR, "a spare worker could not be started: " + e.getMessage());
            return;
        }
        workers.values().stream()
                .filter(w -> w.slot >= config.workers() && w.state != State.STOPPING)
                .sorted(Comparator.comparingInt((WorkerHandle w) -> w.slot).reversed())
                .toList()
                .forEach(w -> {
                    metrics.restarted(PoolMetrics.Restart.SCALE);
                    stopWorker(w, true);
                });
    }

    /**
     * At most --max-surge replacements at a time: each new worker boots beside the old, which stops once
     * the new one is ready.
     */
    private void replaceNext() {
        long replacing = workers.values().stream().filter(w -> w.replaces != 0).count();
        while (replacing < config.get(Settings.MAX_SURGE)) {
            var next = retirements.next(workers);
            if (next.isEmpty()) return;
            WorkerHandle old = next.get().worker();
            if (old.slot >= config.workers()) { // scaled away meanwhile: just stop it
                stopWorker(old, true);
                continue;
            }
            log.info("{} is being replaced: {}", old.id(), next.get().reason());
            metrics.restarted(next.get().cause());
            // a ready spare takes over first, then the old worker drains, as a booted replacement would
            if (!promoteSpare(old.slot, old.pid, new Vacancy(old.id() + " was due for replacement", clock.nanos())))
                spawnWorker(old.slot, old.pid);
            if (stop != null) return;
            replacing++;
        }
    }

    private boolean occupied(int slot) {
        return workers.values().stream().anyMatch(w -> w.slot == slot && w.state != State.STOPPING);
    }

    /** A worker's own --max-requests share, jitter included; 0 for none. */
    private long maxRequestsShare() {
        int max = config.get(Settings.MAX_REQUESTS);
        return max == 0 ? 0 : max + random.nextInt(config.get(Settings.MAX_REQUESTS_JITTER) + 1);
    }

    private void spawnWorker(int slot, long replaces) {
        long maxRequests = maxRequestsShare();
        lifecycle.workerSpawning(slot, replaces);
        try {
            launcher.prepare(config);
            long spawnedAt = clock.nanos(); // before the call: posix_spawn of a JVM is part of its boot
            long pid = launcher.launch(slot, false, config, maxRequests);
            WorkerHandle w = new WorkerHandle(slot, pid, spawnedAt);
            w.replaces = replaces;
            w.generation = reloads;
            w.retireAt = retireAt(w.spawnedAt);
            workers.put(pid, w);
            log.info("{} booting", w.id());
        } catch (IOException e) {
            halt(ExitCode.WORKER_BOOT_ERROR, "worker=" + slot + " could not be started: " + e.getMessage());
        }
    }

    /** When a worker spawned at {@code spawnedAt} reaches --max-worker-lifetime plus its own share of the jitter. */
    private long retireAt(long spawnedAt) {
        long lifetime = config.get(Settings.MAX_WORKER_LIFETIME).toNanos();
        if (lifetime == 0) return Long.MAX_VALUE;
        long jitter = config.get(Settings.MAX_WORKER_LIFETIME_JITTER).toNanos();
        return spawnedAt + lifetime + (jitter == 0 ? 0 : random.nextLong(jitter + 1));
    }

    /**
     * HUP (and --reload): read the configuration again, then replace every worker, --max-surge at a time,
     * replacement first; when the TLS files are unusable, nothing is replaced (a replacement could not serve). A replacement already booting may have read the files before this change: it is
     * replaced once more when it is ready.
     */
    void reload(String reason) {
        if (stop != null) return;
        Config next = config;
        try {
            next = configSource.reload(config);
        } catch (ConfigException e) {
            log.error("reload: the configuration has errors, keeping the current one: {}", e.getMessage().replace('\n', ';'));
        } catch (ConfigSource.FilesUnusable e) {
            log.error("{} refused: {}; keeping the current workers, which serve what they read when they booted;"
                    + " fix the file and send HUP again", reason, e.getMessage().replace('\n', ';'));
            return;
        }
        config = next;
        reloads++;
        reloadBegan = clock.nanos();
        lifecycle.reloading();
        allReadyLogged = false;
        spares.stopAll(config, true, "a reload began, and spares never serve an old configuration");
        workers.values().stream().filter(w -> w.state != State.STOPPING && w.replaces == 0)
                .sorted(Comparator.comparingInt((WorkerHandle w) -> w.slot))
                .forEach(w -> retirements.add(w, PoolMetrics.Restart.RELOAD, reason));
    }

    /**
     * USR1 (logrotate's postrotate): the master reopens its log files and every worker its own. A booting
     * worker is told once it is ready: until WorkerMain installs its handler, USR1 would kill the JVM.
     */
    private void reopenLogs() {
        lifecycle.reopenLogs();
        for (WorkerHandle w : workers.values()) {
            if (w.state == State.BOOTING) w.reopenLogsWhenReady = true;
            else launcher.signal(w.pid, Libc.SIGUSR1);
        }
        spares.reopenLogs();
    }

    void scale(int target) {
        log.info("scaling from {} to {} worker{}", config.workers(), target, target == 1 ? "" : "s");
        for (int slot = config.workers(); slot < target; slot++) vacancies.put(slot, new Vacancy("scaling to " + target + " workers", clock.nanos()));
        config = config.withWorkers(target);
        allReadyLogged = false;
    }

    private void stopWorker(WorkerHandle w, boolean graceful) {
        w.state = State.STOPPING;
        Duration grace = graceful ? config.gracefulTimeout().plus(DRAIN_MARGIN) : QUICK_STOP;
        w.killAt = clock.nanos() + grace.toNanos();
        launcher.signal(w.pid, graceful ? Libc.SIGTERM : Libc.SIGINT);
    }

    void beginStop(boolean graceful, ExitCode code) {
        if (stop != null && (!stop.graceful() || graceful)) return; // already stopping at least this fast
        if (stop == null) lifecycle.stopping();
        stop = new Stop(graceful, stop == null ? code : stop.code());
        log.info("Shutting down: {} stop of {} worker{}", graceful ? "graceful" : "quick", workers.size(), workers.size() == 1 ? "" : "s");
        for (WorkerHandle w : workers.values()) stopWorker(w, graceful);
        spares.stopAll(config, graceful, "the master is stopping");
    }

    /** Stops everything because a worker cannot boot: respawning would only fail again. */
    private void halt(ExitCode code, String reason) {
        log.error(reason);
        if (stop == null) {
            lifecycle.stopping();
            stop = new Stop(false, code);
        }
        for (WorkerHandle w : workers.values()) if (w.state != State.STOPPING) stopWorker(w, false);
        spares.stopAll(config, false, "the master is stopping");
    }

    /** For tests: the pids of live workers by slot (the newest when a slot has two during a replacement). */
    Map<Integer, Long> pidsBySlot() {
        Map<Integer, Long> m = new HashMap<>();
        workers.values().stream().filter(w -> w.state != State.STOPPING).forEach(w -> m.put(w.slot, w.pid));
        return m;
    }

    /** For tests: the live spares' pids by spare number. */
    Map<Integer, Long> sparesByNumber() {
        return spares.pidsByNumber();
    }

    int targetWorkers() {
        return config.workers();
    }
}
