package dev.warcorn.launcher.process;

import dev.warcorn.launcher.process.OsLimits.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OsLimitsTest {
    private final List<Long> raisedTo = new ArrayList<>();
    private final OsLimits.Raise allowed = limit -> {
        raisedTo.add(limit);
        return null;
    };
    private final OsLimits.Raise refused = limit -> {
        raisedTo.add(limit);
        return "setrlimit: operation not permitted";
    };

    private static final OptionalLong NR_OPEN = OptionalLong.of(1048576), SOMAXCONN = OptionalLong.of(4096);

    @Test
    void enough_open_files_and_a_backlog_the_kernel_allows_say_nothing_and_change_nothing() {
        assertEquals(List.of(), OsLimits.apply(1000, 2048, OptionalLong.of(20000), NR_OPEN, SOMAXCONN, allowed));
        assertEquals(List.of(), raisedTo);
    }

    @Test
    void a_hard_open_file_limit_below_what_the_connections_need_is_raised_to_it_and_said_so() {
        List<Finding> f = OsLimits.apply(10000, 2048, OptionalLong.of(16384), NR_OPEN, SOMAXCONN, allowed);
        assertEquals(List.of(20256L), raisedTo);
        assertEquals(1, f.size(), f.toString());
        assertFalse(f.getFirst().warning());
        assertTrue(f.getFirst().message().startsWith("Raised the open-file limit from 16384 to 20256: worker-connections=10000 needs up to 20256"),
                f.getFirst().message());
    }

    @Test
    void a_limit_that_may_not_be_raised_is_a_warning_naming_the_reason_and_the_way_to_raise_it() {
        List<Finding> f = OsLimits.apply(10000, 2048, OptionalLong.of(16384), NR_OPEN, SOMAXCONN, refused);
        assertEquals(1, f.size(), f.toString());
        String w = f.getFirst().message();
        assertTrue(f.getFirst().warning());
        assertTrue(w.startsWith("worker-connections=10000 needs up to 20256 open files per worker"), w);
        assertTrue(w.contains("the hard limit is 16384 and raising it failed (setrlimit: operation not permitted)"), w);
        assertTrue(w.contains("LimitNOFILE="), w);
    }

    @Test
    void the_kernels_nr_open_caps_the_raise_and_the_shortfall_is_a_warning() {
        List<Finding> f = OsLimits.apply(10000, 2048, OptionalLong.of(16384), OptionalLong.of(18000), SOMAXCONN, allowed);
        assertEquals(List.of(18000L), raisedTo);
        assertTrue(f.getFirst().warning());
        assertTrue(f.getFirst().message().contains("the kernel allows 18000 (fs.nr_open), to which the limit was raised from 16384"),
                f.getFirst().message());
    }

    @Test
    void a_hard_limit_already_at_nr_open_is_not_raised_again() {
        List<Finding> f = OsLimits.apply(10000, 2048, OptionalLong.of(18000), OptionalLong.of(18000), SOMAXCONN, allowed);
        assertEquals(List.of(), raisedTo);
        assertTrue(f.getFirst().warning());
        assertTrue(f.getFirst().message().contains("raising it failed (the kernel allows no more (fs.nr_open=18000))"), f.getFirst().message());
    }

    @Test
    void a_backlog_above_somaxconn_is_named_as_cut_with_the_sysctl_that_lifts_it() {
        List<Finding> f = OsLimits.apply(1000, 8192, OptionalLong.of(65536), NR_OPEN, SOMAXCONN, allowed);
        assertEquals(List.of(new Finding(true, "backlog=8192 is cut to 4096 by the kernel (net.core.somaxconn): raise it with sysctl -w"
                + " net.core.somaxconn=8192 for the longer accept queue to take effect")), f);
    }

    @Test
    void unknown_limits_say_nothing() {
        assertEquals(List.of(), OsLimits.apply(100000, 100000, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), allowed));
        assertEquals(List.of(), raisedTo);
    }

    @Test
    void this_machines_limits_can_be_read() {
        assertTrue(OsLimits.hardOpenFiles().orElse(1) > 0);
        // Linux has never allowed less than 128 by default; a short read of "4096" gives "4"
        assertTrue(OsLimits.somaxconn().orElseThrow() >= 128, "/proc/sys/net/core/somaxconn read whole: " + OsLimits.somaxconn());
    }
}
