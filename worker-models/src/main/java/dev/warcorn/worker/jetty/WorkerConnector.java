package dev.warcorn.worker.jetty;

import dev.warcorn.posix.OpenFileLimit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The worker's TCP connector: the selector accepts (no acceptor thread), and when {@code accept()} fails for
 * want of a file descriptor (EMFILE, ENFILE) the connector stops accepting for {@link #PAUSE} instead of
 * failing again at once. Jetty's selector finds the shared listener still readable after such a failure and
 * retries straight away, logging a stack trace each time and closing the connection it had accepted just
 * before: in a bench run at 10,000 clients under a 20,000-file limit, 8,710 warnings in 19 s. nginx does
 * the same (it turns its accept events off for {@code accept_mutex_delay}, 500 ms). Meanwhile the worker
 * serves the connections it holds, and new ones wait in the kernel's queue or go to another worker. The
 * failure is logged at most once per {@link #REPORT_EVERY}, with the limit and how to raise it.
 */
final class WorkerConnector extends ServerConnector {
    static final Duration PAUSE = Duration.ofMillis(500);
    static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(WorkerConnector.class);
    // read once, with the first connector: a worker out of files cannot open /proc/self/limits
    private static final String OPEN_FILE_LIMIT = OpenFileLimit.read().map(l -> l.soft() == OpenFileLimit.UNLIMITED ? "unlimited" : Long.toString(l.soft()))
            .orElse("unknown");

    private final Runnable onEndPointOpened;
    // guarded by this: what the worker asked of setAccepting, apart from the pauses; a pause in progress;
    // failures since the last report and when that was
    private boolean wanted = true;
    private boolean paused;
    private long failures;
    private long reportedAt = System.nanoTime() - REPORT_EVERY.toNanos(); // so that the first failure is reported

    WorkerConnector(Server server, Runnable onEndPointOpened, ConnectionFactory... factories) {
        super(server, 0, 1, factories);
        this.onEndPointOpened = onEndPointOpened;
    }

    @Override
    protected void onEndPointOpened(EndPoint endp) {
        super.onEndPointOpened(endp);
        onEndPointOpened.run();
    }

    /** The worker's own switch (a drain stops accepting for good): a pause ends only if the worker still wants connections. */
    @Override
    public synchronized void setAccepting(boolean accepting) {
        wanted = accepting;
        super.setAccepting(accepting && !paused);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(executor, scheduler, selectors) {
            @Override
            protected SelectableChannel doAccept(SelectableChannel server) throws IOException {
                try {
                    return super.doAccept(server);
                } catch (IOException e) {
                    if (!outOfFiles(e)) throw e;
                    pause(e);
                    return null; // the selector's accept loop ends here, with nothing to close
                }
            }
        };
    }

    static boolean outOfFiles(IOException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Too many open files"); // EMFILE, and ENFILE's "… in system"
    }

    private synchronized void pause(IOException e) {
        failures++;
        long now = System.nanoTime();
        if (now - reportedAt >= REPORT_EVERY.toNanos()) {
            log.warn("accept() failed: {} ({} time(s) since the last report; open-file limit {}): this worker stops taking new "
                            + "connections for {} ms at a time and serves the ones it holds; raise the limit (ulimit -n and -Hn, "
                            + "LimitNOFILE= under systemd) or lower --worker-connections",
                    e.getMessage(), failures, OPEN_FILE_LIMIT, PAUSE.toMillis());
            reportedAt = now;
            failures = 0;
        }
        if (paused) return;
        paused = true;
        super.setAccepting(false);
        getScheduler().schedule(this::resume, PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void resume() {
        paused = false;
        if (wanted && isRunning()) super.setAccepting(true);
    }
}
