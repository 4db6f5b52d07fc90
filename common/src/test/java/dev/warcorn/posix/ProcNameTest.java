package dev.warcorn.posix;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcNameTest {
    @Test
    void names_fit_the_kernels_fifteen_bytes_and_keep_the_part_that_tells_processes_apart() {
        assertEquals("wc-master", ProcName.master("wc"));
        assertEquals("wc-worker-2", ProcName.worker("wc", 2));
        assertEquals("shop-api-master", ProcName.master("shop-api"));
        assertEquals("shop-a-worker-2", ProcName.worker("shop-api", 2));
        assertEquals("shop-worker-12", ProcName.worker("shop", 12));
        assertEquals("shop-worker-123", ProcName.worker("shopping", 123));
    }
}
