package dev.warcorn.worker.jvm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcPressureTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MB = 1 << 20;

    /** Feeds one sample a second for {@code seconds}, {@code gcMillisPerSecond} of each in GC; returns what was said. */
    private static List<String> run(GcPressure gc, long[] clock, long[] gcTotal, int seconds, long gcMillisPerSecond) {
        List<String> said = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            clock[0] += SECOND;
            gcTotal[0] += gcMillisPerSecond;
            gc.observe(clock[0], gcTotal[0], 500 * MB).ifPresent(said::add);
        }
        return said;
    }

    @Test
    void a_worker_collecting_most_of_the_time_is_named_with_its_heap_and_what_to_change() {
        GcPressure gc = new GcPressure(512 * MB);
        List<String> said = run(gc, new long[]{0}, new long[]{0}, 12, 800);
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.getFirst().startsWith("80% of the last "), said.getFirst());
        assertTrue(said.getFirst().contains("heap 500 of 512 MB in use"), said.getFirst());
        assertTrue(said.getFirst().contains("raise --heap"), said.getFirst());
    }

    @Test
    void a_worker_that_collects_a_little_is_left_alone() {
        assertEquals(List.of(), run(new GcPressure(512 * MB), new long[]{0}, new long[]{0}, 120, 300));
    }

    @Test
    void lasting_pressure_is_repeated_once_a_minute_not_every_second() {
        List<String> said = run(new GcPressure(512 * MB), new long[]{0}, new long[]{0}, 130, 900);
        assertEquals(3, said.size(), said.toString()); // at ~5 s, ~65 s, ~125 s
    }

    @Test
    void pressure_that_lifts_and_returns_is_named_again_at_once() {
        GcPressure gc = new GcPressure(512 * MB);
        long[] clock = {0};
        long[] total = {0};
        assertEquals(1, run(gc, clock, total, 10, 900).size());
        assertEquals(0, run(gc, clock, total, 20, 0).size());
        assertEquals(1, run(gc, clock, total, 10, 900).size());
    }

    @Test
    void a_few_seconds_of_history_are_not_enough_to_judge() {
        GcPressure gc = new GcPressure(512 * MB);
        assertEquals(Optional.empty(), gc.observe(SECOND, 900, 0));
        assertEquals(Optional.empty(), gc.observe(2 * SECOND, 1800, 0));
    }
}
