package dev.warcorn.launcher.process;

import dev.warcorn.launcher.supervisor.Event;
import dev.warcorn.posix.Libc;
import dev.warcorn.posix.PosixException;
import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The only code that touches {@code sun.misc.Signal}: each trapped signal becomes an event on the
 * supervisor's queue, nothing more. QUIT is left to the JVM, which prints a thread dump on it. Trapping
 * TERM, INT and HUP replaces the JVM's default of running shutdown hooks and exiting.
 *
 * <p>A signal ignored when the JVM started stays ignored unless reset first: {@code nohup} ignores HUP,
 * and a non-interactive shell starts a background job ({@code warcorn … &}) with INT and QUIT ignored.
 * For HUP, INT and TERM, HotSpot's {@code JVM_RegisterSignal} then answers "ignored" and installs
 * nothing, without an error. So every trapped signal is first set back to {@code SIG_DFL} through libc
 * when it is ignored (verified 2026-12-01: with the reset the handler runs, without it never).
 */
public final class SignalTrap {
    public static final List<String> TRAPPED = List.of("TERM", "INT", "HUP", "TTIN", "TTOU", "USR1", "USR2", "WINCH");

    private SignalTrap() {
    }

    /**
     * Traps every signal of {@link #TRAPPED}, whatever disposition this process inherited.
     *
     * @return the names of those that were ignored when warcorn started, for a log line
     */
    public static List<String> install(BlockingQueue<Event> events) throws PosixException {
        List<String> wereIgnored = new ArrayList<>();
        for (String name : TRAPPED) {
            Signal signal = new Signal(name);
            // Between the reset and the handle a signal would take its default action (HUP, INT and TERM
            // end the process): a window of microseconds at start-up, and only when it was ignored.
            if (Libc.isIgnored(signal.getNumber())) {
                Libc.resetToDefault(signal.getNumber());
                wereIgnored.add(name);
            }
            Signal.handle(signal, s -> events.add(new Event.SignalReceived(name)));
        }
        return List.copyOf(wereIgnored);
    }
}
