package dev.warcorn.common;

/**
 * Exit codes shared by the master and its workers. A worker that exits with {@link #WORKER_BOOT_ERROR}
 * or {@link #APP_LOAD_ERROR} before it is ready stops the master with the same code, instead of being
 * respawned forever (Gunicorn uses the same two numbers).
 */
public enum ExitCode {
    OK(0, "clean stop"),
    ERROR(1, "runtime or start-up failure, such as an address already in use"),
    USAGE(2, "bad command line, configuration value or WAR path"),
    WORKER_BOOT_ERROR(3, "a worker failed to boot or did not boot within --boot-timeout"),
    APP_LOAD_ERROR(4, "the WAR failed to deploy in a worker"),
    HOOK_ERROR(5, "the --on-starting hook failed or did not finish within --hook-timeout");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The code for a worker's exit status, or {@code null} when it is not one of ours. */
    public static ExitCode of(int code) {
        for (ExitCode c : values()) {
            if (c.code == code) return c;
        }
        return null;
    }
}
