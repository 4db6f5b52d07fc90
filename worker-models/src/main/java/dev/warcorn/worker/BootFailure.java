package dev.warcorn.worker;

import dev.warcorn.common.ExitCode;

/** Why a worker could not boot, in one line for the master, with the exit code it implies. */
public final class BootFailure extends Exception {
    private final ExitCode code;

    public BootFailure(ExitCode code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    public ExitCode code() {
        return code;
    }

    /** The innermost cause as {@code Type: message}: what a user can act on, without the stack. */
    public static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }
}
