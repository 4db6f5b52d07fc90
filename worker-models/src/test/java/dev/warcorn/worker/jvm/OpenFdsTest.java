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
    void this_jvm_counts_its_own_descriptors() {
        long n = OpenFds.ofThisJvm().at(System.nanoTime());
        assertTrue(n >= 3, "stdin, stdout and stderr at least, got " + n);
    }
}
