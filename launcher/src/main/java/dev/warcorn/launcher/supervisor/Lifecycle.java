package dev.warcorn.launcher.supervisor;

import dev.warcorn.posix.WaitStatus;

/**
 * What the supervisor tells the world outside its workers: systemd's notify socket, and an old master
 * waiting for a new one during a binary upgrade. Called on the supervisor thread; must not block.
 */
public interface Lifecycle {
    Lifecycle NONE = new Lifecycle() {
    };

    /** Every wanted worker is ready (at start, and again after each reload or scaling). */
    default void ready(int workers) {
    }

    /** A reload (HUP) begins. */
    default void reloading() {
    }

    /** The master begins to stop. */
    default void stopping() {
    }

    /** USR1: reopen the master's log files (the supervisor signals the workers). */
    default void reopenLogs() {
    }

    /** USR2: start a new master on the same sockets. */
    default void upgrade() {
    }

    /** A worker is about to be spawned in {@code slot}; {@code replaces} is the pid it replaces once ready, or 0 (--pre-spawn). */
    default void workerSpawning(int slot, long replaces) {
    }

    /** A worker reported ready (--post-worker-ready). */
    default void workerReady(int slot, long pid, long bootMillis) {
    }

    /**
     * A worker was reaped (--worker-exit). {@code reason} is one word: {@code stopped} (the master asked
     * it to), {@code crashed}, {@code silent} (killed for --timeout), {@code boot-failed}, {@code boot-timeout}.
     */
    default void workerExited(int slot, long pid, WaitStatus status, String reason) {
    }

    /** Once per supervisor pass: the loop is healthy (systemd's watchdog). */
    default void alive() {
    }
}
