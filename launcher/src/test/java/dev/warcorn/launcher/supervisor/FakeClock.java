package dev.warcorn.launcher.supervisor;

import java.time.Duration;

/** A clock that moves only when told to. */
final class FakeClock implements Clock {
    private long now = 1_000_000_000L;

    @Override
    public long nanos() {
        return now;
    }

    void advance(Duration d) {
        now += d.toNanos();
    }
}
