package dev.warcorn.launcher.supervisor;

import dev.warcorn.common.StatusMessage;
import dev.warcorn.launcher.control.ControlRequest;
import dev.warcorn.posix.WaitStatus;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything that happens to the master becomes one of these on the supervisor's queue; only the
 * supervisor thread acts on them, so no other thread ever changes supervisor state.
 */
public sealed interface Event {

    /** A trapped signal, e.g. {@code TERM}. */
    record SignalReceived(String name) implements Event {
    }

    /** A line from a worker's status pipe. */
    record WorkerReported(long pid, StatusMessage message) implements Event {
    }

    /** A command from {@code warcorn ctl}; the supervisor completes its reply. */
    record Control(ControlRequest request) implements Event {
    }

    /** The metrics endpoint wants the supervisor's state; the supervisor completes {@code reply}. */
    record Query(java.util.concurrent.CompletableFuture<dev.warcorn.launcher.control.Snapshot> reply) implements Event {
    }

    /** A worker was reaped. */
    record WorkerExited(long pid, WaitStatus status) implements Event {
    }

    /** --reload: files of the WAR (or --reload-extra-file) changed, and then nothing for a quiet period. */
    record FilesChanged(List<Path> paths) implements Event {
    }
}
