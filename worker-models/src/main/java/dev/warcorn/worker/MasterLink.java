package dev.warcorn.worker;

import dev.warcorn.common.StatusMessage;
import dev.warcorn.common.WorkerFds;
import dev.warcorn.posix.FdStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The worker's two pipes to its master: status lines out on fd 4, and the watch on fd 3. */
final class MasterLink {
    private static final Logger log = LoggerFactory.getLogger(MasterLink.class);

    private final OutputStream toMaster = FdStreams.output(WorkerFds.TO_MASTER);
    private volatile boolean masterGone;

    synchronized void send(StatusMessage message) {
        if (masterGone) return;
        try {
            toMaster.write((message.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("cannot report to the master ({}); it is probably gone", e.getMessage());
        }
    }

    /**
     * Runs {@code onMasterGone} when fd 3 reaches end of file: the master never writes there, so that
     * happens only when it exited, even by {@code kill -9}. Orphaned workers must not keep serving.
     */
    void watch(Runnable onMasterGone) {
        Thread.ofPlatform().daemon().name("master-watch").start(() -> {
            try (InputStream fromMaster = FdStreams.input(WorkerFds.FROM_MASTER)) {
                while (fromMaster.read() >= 0) {
                    // the master sends nothing today; read until end of file
                }
            } catch (IOException e) {
                log.warn("pipe from the master failed ({}); treating the master as gone", e.getMessage());
            }
            masterGone = true;
            onMasterGone.run();
        });
    }
}
