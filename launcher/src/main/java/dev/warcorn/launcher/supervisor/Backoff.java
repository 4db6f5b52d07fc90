package dev.warcorn.launcher.supervisor;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Respawn delays per slot for workers that keep crashing: the first crash is respawned at once, then
 * 1 s, 2 s, 4 s ... up to 30 s, so a worker that dies on every request cannot turn the master into a
 * hot loop of JVM starts. A worker that stayed up for {@link #FORGIVE_AFTER} resets its slot's count.
 */
final class Backoff {
    static final Duration FORGIVE_AFTER = Duration.ofSeconds(60);
    static final Duration MAX = Duration.ofSeconds(30);

    private record Slot(int crashesInARow, long notBefore) {
    }

    private final Map<Integer, Slot> slots = new HashMap<>();

    /** Records a crash in {@code slot} at {@code now}; returns how many crashes in a row that makes. */
    int crashed(int slot, boolean forgiven, long now) {
        Slot previous = slots.get(slot);
        int crashes = previous == null || forgiven ? 1 : previous.crashesInARow() + 1;
        slots.put(slot, new Slot(crashes, now + delay(crashes).toNanos()));
        return crashes;
    }

    boolean mayRespawn(int slot, long now) {
        Slot s = slots.get(slot);
        return s == null || now >= s.notBefore();
    }

    static Duration delay(int crashesInARow) {
        if (crashesInARow <= 1) return Duration.ZERO;
        long seconds = 1L << Math.min(crashesInARow - 2, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX.toSeconds()));
    }
}
