package dev.warcorn.launcher.supervisor;

import dev.warcorn.common.StatusMessage;
import dev.warcorn.common.WorkerStats;
import dev.warcorn.posix.Libc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's view of one worker process (the worker's own code is {@code WorkerMain}, another JVM).
 * Owned by the supervisor thread; nothing else reads or writes it.
 */
final class WorkerHandle {
    private static final Logger log = LoggerFactory.getLogger(WorkerHandle.class);
    enum State { BOOTING, READY, STOPPING }

    /** The worker's slot; -1 while it is a spare. */
    int slot;
    /** A --spare-workers spare's number while it waits, -1 for a worker in a slot. */
    int spare = -1;
    final long pid;
    final long spawnedAt;
    State state = State.BOOTING;
    long readyAt;
    long lastBeat;
    long requests;
    /** The worker's latest figures (StatusMessage.Stats); what it counted is added to its slot's base when it is gone. */
    WorkerStats stats = WorkerStats.EMPTY;
    /** How long it took to boot, from the spawn call to its ready line on the master's clock; -1 before. */
    long bootMillis = -1;
    /** Killed by the master for silence past --timeout: its exit counts as a timeout, not a crash. */
    boolean silenced;
    /** When a STOPPING worker is killed if it has not exited. */
    long killAt;
    /** What the worker said before it failed to boot, if anything. */
    StatusMessage.Failed failure;
    /** The pid of the worker this one replaces once ready (HUP, --max-requests), or 0. */
    long replaces;
    /** A replacement for this worker has been asked for. */
    boolean retiring;
    /** When the master asked for a thread dump (SIGQUIT) before killing it for silence, or 0. */
    long dumpRequestedAt;
    /** Killed by the master for overstaying its boot; its exit is expected. */
    boolean killed;
    /** Consecutive memory checks above --max-worker-memory. */
    int rssStrikes;
    /** When --max-worker-lifetime (jitter included) has this worker replaced, or {@code Long.MAX_VALUE} for never. */
    long retireAt = Long.MAX_VALUE;
    /** The supervisor's reload count when this worker was spawned. */
    int generation;
    /** USR1 arrived while it was booting: it is passed on once the worker is ready. */
    boolean reopenLogsWhenReady;
    /** A spare that took this slot: what it was called ({@code spare=0}), what left the slot empty, and when; null otherwise. */
    String promotedFrom;
    /** Told to take a slot, and not yet said {@code accepting}: no new spare boots meanwhile, to leave it the cores. */
    boolean promoting;
    String vacancy;
    long vacatedAt;

    WorkerHandle(int slot, long pid, long spawnedAt) {
        this.slot = slot;
        this.pid = pid;
        this.spawnedAt = spawnedAt;
        this.lastBeat = spawnedAt;
    }

    /** A STOPPING worker (a slot's or a spare) past its stop deadline is killed, once; both murder passes share this. */
    void killIfStopOverdue(long now, WorkerLauncher launcher) {
        if (now <= killAt) return;
        log.warn("{} still running past its stop deadline; killing it", id());
        launcher.signal(pid, Libc.SIGKILL);
        killAt = Long.MAX_VALUE;
    }

    /** How every log line names a worker. */
    String id() {
        return (spare >= 0 ? "spare=" + spare : "worker=" + slot) + " pid=" + pid;
    }

    /**
     * What the ready line says after "ready in N ms": the JVM's start (spawn to the worker's {@code main}) and
     * the worker's own part (its {@code main} to ready: logging, the WAR's deploy, Jetty's start), the second
     * on the worker's clock, so the first is what remains of the master's figure.
     */
    static String bootParts(long bootMillis, long mainMillis) {
        long deploy = Math.max(0, Math.min(mainMillis, bootMillis));
        return "JVM start " + (bootMillis - deploy) + " ms, deploy " + deploy + " ms";
    }
}
