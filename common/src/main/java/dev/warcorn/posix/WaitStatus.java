package dev.warcorn.posix;

/** How a child process ended, decoded from the raw {@code waitpid} status. */
public record WaitStatus(int exitCode, int signal) {

    static WaitStatus decode(int raw) {
        int termSignal = raw & 0x7f;
        return termSignal == 0 ? new WaitStatus((raw >> 8) & 0xff, 0) : new WaitStatus(-1, termSignal);
    }

    public static WaitStatus exited(int code) {
        return new WaitStatus(code, 0);
    }

    public static WaitStatus killedBy(int signal) {
        return new WaitStatus(-1, signal);
    }

    public boolean signalled() {
        return signal != 0;
    }

    @Override
    public String toString() {
        return signalled() ? "killed by signal " + signal + " (" + Signals.name(signal) + ")" : "exited with code " + exitCode;
    }
}
