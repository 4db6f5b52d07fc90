package dev.warcorn.launcher.process;

import dev.warcorn.launcher.supervisor.Event;
import dev.warcorn.posix.Libc;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Plays nohup inside this test JVM: every trapped signal is set to SIG_IGN, then the trap is installed and
 * each signal sent to this process must arrive as an event. Without the reset to SIG_DFL, HUP, INT and TERM
 * never arrive (the JVM leaves an ignored one ignored). This JVM keeps warcorn's handlers afterwards,
 * which only post to a queue nobody reads.
 */
class SignalTrapTest {
    @Test
    void every_trapped_signal_arrives_although_it_was_ignored_when_the_trap_was_installed() throws Exception {
        for (String name : SignalTrap.TRAPPED) Libc.ignore(new Signal(name).getNumber());
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        assertEquals(SignalTrap.TRAPPED, SignalTrap.install(events), "each was ignored and is reported so");

        long self = ProcessHandle.current().pid();
        List<Event> received = new ArrayList<>();
        for (String name : SignalTrap.TRAPPED) {
            assertFalse(Libc.isIgnored(new Signal(name).getNumber()), name);
            Libc.kill(self, new Signal(name).getNumber());
            Event e = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(e, "SIG" + name + " sent to this process never reached the queue");
            received.add(e);
        }
        assertEquals(SignalTrap.TRAPPED.stream().map(Event.SignalReceived::new).toList(), received);
    }

    @Test
    void the_linux_signal_numbers_in_libc_are_the_jvms() {
        assertEquals(List.of(Libc.SIGTERM, Libc.SIGINT, Libc.SIGHUP, Libc.SIGTTIN, Libc.SIGTTOU, Libc.SIGUSR1, Libc.SIGUSR2, Libc.SIGWINCH),
                SignalTrap.TRAPPED.stream().map(n -> new Signal(n).getNumber()).toList());
    }
}
