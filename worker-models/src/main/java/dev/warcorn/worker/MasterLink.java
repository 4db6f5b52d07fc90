package dev.warcorn.worker;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.StatusMessage;
import dev.warcorn.common.WorkerFds;
import dev.warcorn.posix.FdStreams;
import dev.warcorn.posix.Libc;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The worker's two pipes to its master: status lines out on fd 4, and the watch on fd 3, which also
 * carries the master's few commands (one line each: {@code accept SLOT NAME} tells a spare to take a
 * slot). No logger is made when this class loads: the watch starts before the worker has configured logging.
 */
final class MasterLink {
    private final OutputStream toMaster = FdStreams.output(WorkerFds.TO_MASTER);
    private volatile boolean masterGone;

    synchronized void send(StatusMessage message) {
        if (masterGone) return;
        try {
            toMaster.write((message.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LoggerFactory.getLogger(MasterLink.class).warn("cannot report to the master ({}); it is probably gone", e.getMessage());
        }
    }

    /**
     * Ends this process at most {@code stopBudget} after fd 3 reaches end of file, which happens only when
     * the master exited, even by {@code kill -9}: the master writes there only to command (a line each,
     * passed to {@code onCommand} on this thread) and never closes its end while this worker lives. Orphaned workers must not keep
     * serving, and must be gone within 2 s even on a busy machine. So the watching thread starts first
     * thing in main (a worker still booting notices too), blocks in read (costing nothing until then), runs
     * {@code onMasterGone} (log, quick Jetty stop: code that never ran before, so slow on a busy machine) in
     * a thread of its own and ends the process with {@code _exit} when that is done or the budget
     * is spent, whichever is first: neither a slow Jetty stop, a logger nor the JVM's exit can hold it up.
     */
    void watch(Runnable onMasterGone, Duration stopBudget, Consumer<String> onCommand) {
        // MAX_PRIORITY is only a hint (Linux ignores Java priorities unless -XX:ThreadPriorityPolicy=1 as root)
        Thread.ofPlatform().daemon().name("master-watch").priority(Thread.MAX_PRIORITY).start(() -> {
            IOException failed = null;
            try (InputStream fromMaster = FdStreams.input(WorkerFds.FROM_MASTER)) {
                StringBuilder line = new StringBuilder();
                for (int b; (b = fromMaster.read()) >= 0; ) {
                    if (b != '\n') {
                        line.append((char) b); // the master's commands are ASCII
                        continue;
                    }
                    onCommand.accept(line.toString());
                    line.setLength(0);
                }
            } catch (IOException e) {
                failed = e;
            }
            masterGone = true;
            IOException failure = failed;
            long deadline = System.nanoTime() + stopBudget.toNanos();
            Thread stop = Thread.ofPlatform().daemon().name("orphan-stop").start(() -> {
                if (failure != null)
                    LoggerFactory.getLogger(MasterLink.class).warn("pipe from the master failed ({}); treating the master as gone", failure.getMessage());
                onMasterGone.run();
            });
            try {
                // _exit is linked only now, beside the stop: linked at boot it made every worker's boot pay for the
                // FFM linker (docs/design.md, "A boot that links no native function"); an orphan has the budget for it
                Libc.linkExitNow();
            } catch (LinkageError e) {
                // exitNow fails too, and Runtime.halt ends the process below
            }
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) stop.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                // halting anyway
            }
            try {
                Libc.exitNow(ExitCode.OK.code()); // not even Runtime.halt, which waits for a safepoint first
            } finally {
                Runtime.getRuntime().halt(ExitCode.OK.code()); // only if libc's _exit could not be called
            }
        });
    }
}
