package dev.warcorn.launcher.metrics;

import dev.warcorn.common.WorkerStats;
import dev.warcorn.launcher.config.Bind;
import dev.warcorn.launcher.control.Snapshot;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** statsd lines under Gunicorn's names, counted as what happened since the previous report. */
class StatsdReporterTest {

    /** A pool of one worker in slot 0 that completed {@code ok} GET 2xx and {@code errors} GET 5xx, each taking 2 ms. */
    private static Snapshot pool(long ok, long errors) {
        long[] requests = new long[WorkerStats.METHODS.size() * WorkerStats.STATUS_CLASSES];
        requests[1] = ok;
        requests[4] = errors;
        long[] durations = new long[WorkerStats.DURATION_BOUNDS.size() + 1];
        durations[0] = ok + errors;
        WorkerStats s = new WorkerStats(requests, durations, (ok + errors) * 2000, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return new Snapshot(1, 1, "running", 1, List.of(new Snapshot.Worker(0, 10, "ready", 1, ok + errors, 0, 500, s, false)),
                new Snapshot.Pool(true, Map.of(0, s), Map.of(), new long[Snapshot.BOOT_BOUNDS.size() + 1], 0));
    }

    @Test
    void counters_are_the_difference_since_the_last_report_with_the_prefix_and_gunicorns_names() throws Exception {
        StatsdReporter r = new StatsdReporter(DatagramChannel.open(), new InetSocketAddress(0), "myapp");
        assertEquals(List.of("myapp.gunicorn.requests:10|c", "myapp.gunicorn.request.status.2xx:9|c", "myapp.gunicorn.request.status.5xx:1|c",
                "myapp.gunicorn.request.duration:2.0|ms", "myapp.gunicorn.workers:1|g"), r.lines(pool(9, 1)));
        assertEquals(List.of("myapp.gunicorn.requests:5|c", "myapp.gunicorn.request.status.2xx:5|c",
                "myapp.gunicorn.request.duration:2.0|ms", "myapp.gunicorn.workers:1|g"), r.lines(pool(14, 1)));
        assertEquals(List.of("myapp.gunicorn.requests:0|c", "myapp.gunicorn.workers:1|g"), r.lines(pool(14, 1)), "an idle second");
    }

    @Test
    void the_lines_reach_a_statsd_server_over_udp_once_a_second() throws Exception {
        try (DatagramChannel server = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (StatsdReporter r = StatsdReporter.start(new Bind.Tcp("127.0.0.1", port), "", () -> Optional.of(pool(3, 0)))) {
                ByteBuffer b = ByteBuffer.allocate(1500);
                server.receive(b); // blocks until the first report, a second after start
                String datagram = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
                assertTrue(datagram.startsWith("gunicorn.requests:3|c\n"), datagram);
                assertTrue(datagram.endsWith("gunicorn.workers:1|g"), datagram);
            }
        }
    }
}
