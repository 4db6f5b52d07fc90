package dev.warcorn.launcher.process;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OsLimitsTest {
    @Test
    void enough_open_files_and_a_backlog_the_kernel_allows_say_nothing() {
        assertEquals(List.of(), OsLimits.check(1000, 2048, OptionalLong.of(20000), OptionalLong.of(4096)));
    }

    @Test
    void a_hard_open_file_limit_below_what_the_connections_need_is_named_with_the_way_to_raise_it() {
        List<String> w = OsLimits.check(10000, 2048, OptionalLong.of(16384), OptionalLong.of(4096));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.getFirst().startsWith("worker-connections=10000 needs up to 20256 open files per worker"), w.getFirst());
        assertTrue(w.getFirst().contains("the hard limit is 16384"), w.getFirst());
        assertTrue(w.getFirst().contains("LimitNOFILE="), w.getFirst());
    }

    @Test
    void a_backlog_above_somaxconn_is_named_as_cut_with_the_sysctl_that_lifts_it() {
        List<String> w = OsLimits.check(1000, 8192, OptionalLong.of(65536), OptionalLong.of(4096));
        assertEquals(List.of("backlog=8192 is cut to 4096 by the kernel (net.core.somaxconn): raise it with sysctl -w"
                + " net.core.somaxconn=8192 for the longer accept queue to take effect"), w);
    }

    @Test
    void unknown_limits_say_nothing() {
        assertEquals(List.of(), OsLimits.check(100000, 100000, OptionalLong.empty(), OptionalLong.empty()));
    }

    @Test
    void this_machines_limits_can_be_read() {
        assertTrue(OsLimits.hardOpenFiles().orElse(1) > 0);
        // Linux has never allowed less than 128 by default; a short read of "4096" gives "4"
        assertTrue(OsLimits.somaxconn().orElseThrow() >= 128, "/proc/sys/net/core/somaxconn read whole: " + OsLimits.somaxconn());
    }
}
