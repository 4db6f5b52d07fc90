package dev.warcorn.launcher.supervisor;

import dev.warcorn.launcher.supervisor.WorkerHandle.State;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Workers waiting to be replaced (HUP, --max-requests, --max-worker-memory, --max-worker-lifetime, --reload), in order. The supervisor
 * takes --max-surge at a time and boots each one's replacement beside it, so capacity never drops.
 */
final class Retirements {
    record Retirement(WorkerHandle worker, PoolMetrics.Restart cause, String reason) {
    }

    private final Deque<Retirement> queue = new ArrayDeque<>();

    /** Queues {@code w} once; a worker already queued or stopping is left alone. */
    void add(WorkerHandle w, PoolMetrics.Restart cause, String reason) {
        if (w.retiring || w.state == State.STOPPING) return;
        w.retiring = true;
        queue.add(new Retirement(w, cause, reason));
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The next worker still alive and serving, if any. */
    Optional<Retirement> next(Map<Long, WorkerHandle> live) {
        for (Retirement r; (r = queue.poll()) != null; ) {
            WorkerHandle w = live.get(r.worker().pid);
            if (w != null && w.state != State.STOPPING) return Optional.of(r);
        }
        return Optional.empty();
    }

    /** Forgets every pending replacement (one failed to boot); returns how many there were. */
    int dropAll() {
        int n = queue.size();
        queue.forEach(r -> r.worker().retiring = false);
        queue.clear();
        return n;
    }
}
