package dev.warcorn.worker;

import dev.warcorn.common.WorkerFds;
import dev.warcorn.posix.FdStreams;
import dev.warcorn.posix.Libc;
import dev.warcorn.posix.PosixException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channel;

/**
 * The worker's stdout and stderr, kept apart from fds 1 and 2. Closing the inherited listener makes the JDK
 * point fds 0, 1 and 2 at /dev/null (sun.nio.ch.InheritedChannel); Jetty's stop does that where an acceptor
 * thread accepts (a unix: bind), and {@link #silenceJvm} does it on purpose once the last line is written.
 */
final class WorkerOutput {
    /** System.out and System.err write to copies of fds 1 and 2, not to 1 and 2 themselves. */
    private static volatile boolean kept;

    private WorkerOutput() {
    }

    /**
     * Writing through copies of fds 1 and 2 keeps the output, whatever they are (file, pipe, terminal, or
     * journald's socket). The master places them at fds 5 and 6, which {@link FdStreams} writes with the JDK's
     * own file streams: a boot that links no libc function is 60–140 ms faster and leaves 5–6 MB less heap
     * touched (docs/design.md). Without them (the master's own stdout was closed) the worker duplicates 1 and 2 itself.
     */
    static void keep() {
        try {
            boolean copies = Boolean.parseBoolean(System.getenv(WorkerFds.OUTPUT_COPIES));
            System.setOut(new PrintStream(FdStreams.output(copies ? WorkerFds.STDOUT_COPY : Libc.dupCloexec(1, 10)), true));
            System.setErr(new PrintStream(FdStreams.output(copies ? WorkerFds.STDERR_COPY : Libc.dupCloexec(2, 10)), true));
            kept = true;
        } catch (PosixException e) {
            System.err.println("warning: cannot duplicate stdout/stderr (" + e.getMessage() + "); the log may be cut short at stop");
        }
    }

    /**
     * After the worker's last line: the JVM's own output at exit goes to /dev/null. A worker training the AOT
     * cache writes it as it exits through a child JVM, which printed its launch, its whole class path and the
     * JDK's "Skipping" warnings on the user's terminal at the first stop. The log goes on through the copies
     * {@link #keep} made, so nothing of warcorn's is lost; without them nothing is closed. Jetty has stopped:
     * the listener serves nothing more here, and the master and the other workers keep their own.
     */
    static void silenceJvm() {
        if (!kept) return;
        try {
            Channel inherited = System.inheritedChannel();
            if (inherited != null) inherited.close();
        } catch (IOException e) {
            // the JVM's lines then stay on stdout, as before
        }
    }
}
