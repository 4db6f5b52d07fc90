package dev.warcorn.posix;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitStatusTest {

    @Test
    void a_normal_exit_decodes_to_its_code() {
        WaitStatus s = WaitStatus.decode(3 << 8);
        assertEquals(WaitStatus.exited(3), s);
        assertFalse(s.signalled());
        assertEquals("exited with code 3", s.toString());
    }

    @Test
    void a_death_by_signal_decodes_to_the_signal() {
        WaitStatus s = WaitStatus.decode(Libc.SIGTERM);
        assertEquals(WaitStatus.killedBy(Libc.SIGTERM), s);
        assertTrue(s.signalled());
        assertEquals("killed by signal 15 (SIGTERM)", s.toString());
    }

    @Test
    void a_core_dump_still_decodes_to_the_signal() {
        int sigsegv = 11, coreDumped = 0x80;
        assertEquals(WaitStatus.killedBy(sigsegv), WaitStatus.decode(sigsegv | coreDumped));
    }

    @Test
    void signals_are_named_and_unknown_numbers_say_so() {
        assertEquals("SIGKILL", Signals.name(9));
        assertEquals("SIGTTIN", Signals.name(21));
        assertEquals("SIGTTOU", Signals.name(22));
        assertEquals("SIGSYS", Signals.name(31));
        assertEquals("signal 40", Signals.name(40));
        assertEquals("signal 0", Signals.name(0));
    }
}
