package dev.warcorn.worker.jvm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenFdsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void the_count_is_read_at_the_first_call_and_then_at_most_every_ten_seconds() {
        AtomicLong reads = new AtomicLong();
        AtomicLong open = new AtomicLong(40);
        OpenFds fds = new OpenFds(() -> {
            reads.incrementAndGet();
            return open.get();
        });
        long start = 7 * SECOND; // any origin: a monotonic clock's zero means nothing
        assertEquals(40, fds.at(start));
        open.set(5_000);
        for (int s = 1; s < 10; s++) assertEquals(40, fds.at(start + s * SECOND), "second " + s);
        assertEquals(1, reads.get(), "one listing in the first ten seconds");
        assertEquals(5_000, fds.at(start + 10 * SECOND));
        assertEquals(2, reads.get());
    }

    @Test
    void a_listing_that_fails_out_of_files_keeps_the_last_count_and_is_tried_again_at_the_next_call() {
        AtomicLong open = new AtomicLong(9_000);
        AtomicLong failing = new AtomicLong();
        OpenFds fds = new OpenFds(() -> {
            if (failing.get() > 0) {
                failing.decrementAndGet();
                throw new InternalError("errno: 24 error: Unable to open directory /proc/self/fd");
            }
            return open.get();
        });
        assertEquals(9_000, fds.at(0));
        open.set(20_000);
        failing.set(2);
        assertEquals(9_000, fds.at(10 * SECOND), "the listing failed: the last count");
        assertEquals(9_000, fds.at(11 * SECOND), "failed again");
        assertEquals(20_000, fds.at(12 * SECOND), "read at the first call after the failures, not ten seconds later");
    }

    @Test
    void this_jvm_counts_its_own_descriptors() {
        long n = OpenFds.ofThisJvm().at(System.nanoTime());
        assertTrue(n >= 3, "stdin, stdout and stderr at least, got " + n);
    }
}
