package dev.warcorn.posix;

import java.io.IOException;

/**
 * A process that systemd could have started: prints one line per socket it was passed, as
 * {@code passedAs name address raised}. Run by {@link SocketActivationTest}.
 */
public final class ActivationProbe {
    private ActivationProbe() {
    }

    public static void main(String[] args) throws IOException {
        for (SocketActivation.ActivatedSocket s : SocketActivation.fromEnvironment(System.getenv(), ProcessHandle.current().pid()))
            System.out.println(s.passedAs() + " " + s.name() + " " + s.address() + " " + (s.fd() >= Sockets.FIRST_PRIVATE_FD ? "raised" : "low"));
    }
}
