package dev.warcorn.launcher.metrics;

import dev.warcorn.common.WorkerStats;
import dev.warcorn.launcher.config.Bind;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.control.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code --statsd-host}: once a second, the pool's figures as statsd lines over UDP, under Gunicorn's names
 * so that dashboards made for Gunicorn keep working: {@code gunicorn.requests} and
 * {@code gunicorn.request.status.2xx} (counters of what happened since the last second; warcorn counts
 * status classes, not codes), {@code gunicorn.request.duration} (the mean of that second, in ms: the
 * workers keep buckets, not single durations), {@code gunicorn.workers} (a gauge). Counters come from the
 * same per-slot totals as /metrics, which never go backwards, so a restart sends no negative counts.
 */
public final class StatsdReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatsdReporter.class);
    static final Duration EVERY = Duration.ofSeconds(1);

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final String prefix;
    private WorkerStats last;
    private volatile boolean closed;

    StatsdReporter(DatagramChannel channel, InetSocketAddress target, String prefix) {
        this.channel = channel;
        this.target = target;
        this.prefix = prefix.isEmpty() ? "" : prefix + ".";
    }

    /** Starts the reporting thread; {@code snapshots} is asked once a second (the supervisor answers it). */
    public static StatsdReporter start(Bind.Tcp host, String prefix, Supplier<Optional<Snapshot>> snapshots) throws IOException {
        InetSocketAddress target;
        try {
            target = new InetSocketAddress(host.address(), host.port());
        } catch (ConfigException e) {
            throw new IOException("statsd-host=" + host + ": " + e.getMessage().replaceFirst("^bind=\\S+: ", ""), e);
        }
        StatsdReporter r = new StatsdReporter(DatagramChannel.open(), target, prefix);
        Thread.ofPlatform().daemon().name("statsd").start(() -> {
            while (!r.closed) {
                try {
                    Thread.sleep(EVERY);
                    snapshots.get().ifPresent(r::report);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return r;
    }

    /** The lines for one snapshot: counters as the difference from the previous one. */
    List<String> lines(Snapshot s) {
        WorkerStats now = s.pool().total();
        WorkerStats before = last == null ? WorkerStats.EMPTY : last;
        last = now;
        List<String> lines = new ArrayList<>();
        long requests = now.requestTotal() - before.requestTotal();
        lines.add(prefix + "gunicorn.requests:" + requests + "|c");
        for (int c = 1; c <= WorkerStats.STATUS_CLASSES; c++) {
            long n = 0;
            for (int m = 0; m < WorkerStats.METHODS.size(); m++) n += now.requests(m, c) - before.requests(m, c);
            if (n > 0) lines.add(prefix + "gunicorn.request.status." + c + "xx:" + n + "|c");
        }
        if (requests > 0)
            lines.add(prefix + "gunicorn.request.duration:" + (now.durationMicros() - before.durationMicros()) / requests / 1000.0 + "|ms");
        lines.add(prefix + "gunicorn.workers:" + s.workers().size() + "|g");
        return lines;
    }

    private void report(Snapshot s) {
        try {
            channel.send(ByteBuffer.wrap(String.join("\n", lines(s)).getBytes(StandardCharsets.UTF_8)), target);
        } catch (IOException e) {
            log.warn("statsd-host={}: cannot send ({}); trying again in {} s", target, e.getMessage(), EVERY.toSeconds());
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
