package dev.warcorn.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, on the monotonic clock: the condition orders events, never the pause. */
public final class Poll {
    private Poll() {
    }

    /** Returns once {@code condition} holds; fails the test, naming {@code what}, when {@code deadline} passes first. */
    public static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            try {
                TimeUnit.MILLISECONDS.sleep(10); // polling interval; the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
