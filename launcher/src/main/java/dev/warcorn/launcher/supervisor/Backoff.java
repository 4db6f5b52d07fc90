package dev.warcorn.launcher.supervisor;

import java.time.Duration;

/**
 * Respawn delay for a slot whose worker keeps crashing: the first crash is respawned at once, then 1 s,
 * 2 s, 4 s ... up to 30 s, so a worker that dies on every request cannot turn the master into a hot
 * loop of JVM starts. A worker that stayed up for {@link #FORGIVE_AFTER} resets the count.
 */
final class Backoff {
    static final Duration FORGIVE_AFTER = Duration.ofSeconds(60);
    static final Duration MAX = Duration.ofSeconds(30);

    private Backoff() {
    }

    static Duration delay(int crashesInARow) {
        if (crashesInARow <= 1) return Duration.ZERO;
        long seconds = 1L << Math.min(crashesInARow - 2, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX.toSeconds()));
    }
}
