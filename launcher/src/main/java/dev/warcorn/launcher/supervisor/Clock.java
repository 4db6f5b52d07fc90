package dev.warcorn.launcher.supervisor;

/** Monotonic time for the supervisor; tests replace it to step through timeouts without waiting. */
@FunctionalInterface
public interface Clock {
    Clock SYSTEM = System::nanoTime;

    long nanos();
}
