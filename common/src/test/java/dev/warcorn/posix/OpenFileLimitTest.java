package dev.warcorn.posix;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenFileLimitTest {
    @Test
    void reads_the_soft_and_hard_limit_from_proc_self_limits_lines() {
        List<String> lines = List.of("Limit                     Soft Limit           Hard Limit           Units",
                "Max processes             unlimited            unlimited            processes",
                "Max open files            1024                 4096                 files");
        assertEquals(Optional.of(new OpenFileLimit(1024, 4096)), OpenFileLimit.parse(lines));
        assertEquals(Optional.of(new OpenFileLimit(OpenFileLimit.UNLIMITED, OpenFileLimit.UNLIMITED)),
                OpenFileLimit.parse(List.of("Max open files            unlimited            unlimited            files")));
        assertEquals(Optional.empty(), OpenFileLimit.parse(List.of("Max processes 10 10 processes")));
        assertEquals(Optional.empty(), OpenFileLimit.parse(List.of("Max open files  many  more  files")));
    }

    @Test
    void this_process_has_one() {
        assertTrue(OpenFileLimit.read().map(l -> l.soft() != 0).orElse(true));
    }
}
