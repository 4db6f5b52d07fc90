package dev.warcorn.common;

import dev.warcorn.common.StatusMessage.Beat;
import dev.warcorn.common.StatusMessage.Failed;
import dev.warcorn.common.StatusMessage.Ready;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusMessageTest {

    @Test
    void ready_survives_encode_and_decode() {
        Ready ready = new Ready(1234);
        assertEquals("ready 1234", ready.encode());
        assertEquals(ready, StatusMessage.decode(ready.encode()));
    }

    @Test
    void accepting_survives_encode_and_decode() {
        StatusMessage accepting = new StatusMessage.Accepting();
        assertEquals("accepting", accepting.encode());
        assertEquals(accepting, StatusMessage.decode(accepting.encode()));
    }

    @Test
    void beat_survives_encode_and_decode() {
        Beat beat = new Beat(Long.MAX_VALUE);
        assertEquals("beat " + Long.MAX_VALUE, beat.encode());
        assertEquals(beat, StatusMessage.decode(beat.encode()));
    }

    @Test
    void failed_survives_encode_and_decode_with_its_exit_code_and_reason() {
        Failed failed = new Failed(ExitCode.APP_LOAD_ERROR, "WAR /srv/app.war: ClassNotFoundException: com.example.Boot");
        assertEquals("failed 4 WAR /srv/app.war: ClassNotFoundException: com.example.Boot", failed.encode());
        assertEquals(failed, StatusMessage.decode(failed.encode()));
    }

    @Test
    void failed_reason_is_flattened_to_one_line_so_it_cannot_split_the_message() {
        Failed failed = new Failed(ExitCode.WORKER_BOOT_ERROR, "first line\nsecond line\r\nthird line\n");
        assertEquals("first line second line  third line", failed.reason());
        assertFalse(failed.encode().contains("\n"));
        assertFalse(failed.encode().contains("\r"));
        assertEquals(failed, StatusMessage.decode(failed.encode()));
    }

    @Test
    void failed_without_a_reason_decodes_with_an_empty_reason() {
        assertEquals(new Failed(ExitCode.WORKER_BOOT_ERROR, ""), StatusMessage.decode("failed 3"));
        Failed empty = new Failed(ExitCode.APP_LOAD_ERROR, "");
        assertEquals(empty, StatusMessage.decode(empty.encode()));
    }

    @Test
    void failed_with_an_exit_code_that_is_not_ours_counts_as_a_boot_error() {
        assertEquals(new Failed(ExitCode.WORKER_BOOT_ERROR, "odd"), StatusMessage.decode("failed 77 odd"));
    }

    @Test
    void decode_ignores_the_line_terminator() {
        assertEquals(new Beat(5), StatusMessage.decode("beat 5\r\n"));
        assertEquals(new Ready(9), StatusMessage.decode("ready 9\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ready", "ready soon", "beat", "beat -x", "failed", "failed three reason", "ready 99999999999999999999"})
    void malformed_lines_are_rejected_naming_the_line(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatusMessage.decode(line));
        assertEquals("malformed worker status line: " + line, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello 1", "READY 1", "started in 3s"})
    void unknown_lines_are_rejected_naming_the_line(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatusMessage.decode(line));
        assertEquals("unknown worker status line: " + line, e.getMessage());
    }

    @Test
    void a_log_line_that_slipped_onto_the_status_pipe_is_not_mistaken_for_a_beat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StatusMessage.decode("12:00:01.123 INFO  o.e.j.s.Server - Started"));
        assertTrue(e.getMessage().endsWith("12:00:01.123 INFO  o.e.j.s.Server - Started"), e.getMessage());
    }

    @Test
    void stats_survive_encode_and_decode_with_every_counter_and_gauge() {
        long[] requests = new long[WorkerStats.METHODS.size() * WorkerStats.STATUS_CLASSES];
        requests[WorkerStats.methodIndex("GET") * 5 + 1] = 41;
        requests[WorkerStats.methodIndex("BREW") * 5 + 4] = 1;
        long[] durations = new long[WorkerStats.DURATION_BOUNDS.size() + 1];
        durations[0] = 40;
        durations[durations.length - 1] = 2;
        WorkerStats stats = new WorkerStats(requests, durations, 12345, 10, 2000, 7, 3, 2, 5, 1 << 20, 31, 44);
        StatusMessage.Stats message = new StatusMessage.Stats(stats);
        assertTrue(message.encode().startsWith("stats req=0,41,"), message.encode());
        assertEquals(message, StatusMessage.decode(message.encode()));
        assertEquals(42, stats.requestTotal());
        assertEquals(1, stats.requests(WorkerStats.methodIndex("OTHER"), 5));
    }

    @Test
    void a_slot_base_plus_a_live_worker_adds_counters_and_keeps_the_live_gauges() {
        WorkerStats dead = WorkerStats.decode(WorkerStats.EMPTY.encode().replace("req=0", "req=5").replace("fl=0", "fl=3")).countersOnly();
        WorkerStats live = WorkerStats.decode(WorkerStats.EMPTY.encode().replace("req=0", "req=2").replace("fl=0", "fl=1"));
        WorkerStats slot = dead.plus(live);
        assertEquals(7, slot.requestTotal());
        assertEquals(1, slot.inFlight());
    }

    @Test
    void a_malformed_stats_line_is_refused_with_the_line() {
        var e = assertThrows(IllegalArgumentException.class, () -> StatusMessage.decode("stats req=1,x dur=1"));
        assertTrue(e.getMessage().contains("stats req=1,x"), e.getMessage());
    }
}
