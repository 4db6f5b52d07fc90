package dev.warcorn.launcher.process;

import dev.warcorn.launcher.supervisor.Event;
import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The only code that touches {@code sun.misc.Signal}: each trapped signal becomes an event on the
 * supervisor's queue, nothing more. QUIT is left to the JVM, which prints a thread dump on it. Trapping
 * TERM, INT and HUP replaces the JVM's default of running shutdown hooks and exiting.
 */
public final class SignalTrap {
    public static final List<String> TRAPPED = List.of("TERM", "INT", "HUP", "TTIN", "TTOU", "USR1", "USR2", "WINCH");

    private SignalTrap() {
    }

    public static void install(BlockingQueue<Event> events) {
        for (String name : TRAPPED) Signal.handle(new Signal(name), s -> events.add(new Event.SignalReceived(name)));
    }
}
