package dev.warcorn.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %process} in a logback pattern: {@code master 1234} or {@code worker=0 pid=1235}, so master and
 * worker lines interleaved on one stdout say who wrote them, in the form every log line about a worker
 * uses.
 */
public final class ProcessConverter extends ClassicConverter {
    private static final long PID = ProcessHandle.current().pid();
    private static volatile String label = "master " + PID;

    /** Called by a worker's main before it logs anything, and again by a spare that takes a slot. */
    public static void worker(int slot) {
        label = "worker=" + slot + " pid=" + PID;
    }

    /** A --spare-workers spare, named as the master's log lines name it until it takes a slot. */
    public static void spare(int spare) {
        label = "spare=" + spare + " pid=" + PID;
    }

    /** {@code master 1234} or {@code worker=0 pid=1235}. */
    public static String label() {
        return label;
    }

    @Override
    public String convert(ILoggingEvent event) {
        return label;
    }
}
