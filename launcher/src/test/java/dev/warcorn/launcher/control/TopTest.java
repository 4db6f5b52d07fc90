package dev.warcorn.launcher.control;

import dev.warcorn.common.WorkerStats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ctl top's arithmetic over two stats answers a second apart. */
class TopTest {
    private static final String STATUS = "master pid=1 state=running uptime=9s workers=2 ready of 2 wanted (2 running)";

    /** A worker that served {@code fast} requests under 5 ms and {@code slow} between 50 and 100 ms. */
    private static String worker(int slot, long pid, long fast, long slow, long gcMillis) {
        long[] requests = new long[WorkerStats.METHODS.size() * WorkerStats.STATUS_CLASSES];
        requests[1] = fast + slow; // GET 2xx
        long[] durations = new long[WorkerStats.DURATION_BOUNDS.size() + 1];
        durations[0] = fast;
        durations[4] = slow;
        WorkerStats s = new WorkerStats(requests, durations, 0, 0, 0, gcMillis, 0, 3, 2, 0, 0, 0);
        return "worker " + slot + " " + pid + " ready 12 " + (100L << 20) + " 800 " + s.encode();
    }

    @Test
    void rates_percentiles_and_gc_share_come_from_the_difference_between_two_samples() {
        Top.Sample before = Top.Sample.parse(STATUS + "\n" + worker(0, 10, 0, 0, 0) + "\n" + worker(1, 11, 0, 0, 0) + "\n", 0);
        Top.Sample after = Top.Sample.parse(STATUS + "\n" + worker(0, 10, 98, 2, 50) + "\n" + worker(1, 11, 0, 100, 0) + "\n", 2_000_000_000L);
        List<Top.Line> lines = Top.lines(before, after);
        Top.Line w0 = lines.get(0);
        assertEquals(50.0, w0.reqPerSecond(), 1e-9, "100 requests in 2 s");
        assertEquals(5.0 * 50 / 98, w0.p50Millis(), 1e-9, "the 50th of 98 requests in the first bucket (0..5 ms)");
        assertTrue(w0.p99Millis() > 50 && w0.p99Millis() <= 100, "p99 in the 50..100 ms bucket: " + w0.p99Millis());
        assertEquals(2.5, w0.gcPercent(), 1e-9, "50 ms of GC in 2 s");
        Top.Line total = lines.getLast();
        assertEquals("TOTAL", total.slot());
        assertEquals(100.0, total.reqPerSecond(), 1e-9);
        assertEquals(6, total.inFlight());
        assertEquals(4, total.waiting());
        String text = Top.text(before, after);
        assertTrue(text.contains(Top.HEADER), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("0\\s+10\\s+ready\\s+12s\\s+50\\.0\\s+2\\.6\\s+\\S+\\s+3\\s+2\\s+100\\s+2\\.5")), text);
        String json = Top.json(before, after);
        assertTrue(json.contains("\"slot\":1,\"pid\":11,\"state\":\"ready\",\"age_seconds\":12,\"requests_per_second\":50.000"), json);
        assertTrue(json.contains("\"total\":{\"workers\":2,\"requests_per_second\":100.000"), json);
    }

    @Test
    void a_worker_new_since_the_first_sample_shows_no_rate_yet() {
        Top.Sample before = Top.Sample.parse(STATUS + "\n", 0);
        Top.Sample after = Top.Sample.parse(STATUS + "\n" + worker(0, 10, 5, 0, 0) + "\n", 1_000_000_000L);
        Top.Line w0 = Top.lines(before, after).getFirst();
        assertTrue(Double.isNaN(w0.reqPerSecond()));
        assertTrue(Top.text(before, after).contains(" - "), Top.text(before, after));
    }
}
