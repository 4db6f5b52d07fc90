package dev.warcorn.launcher.config;

/**
 * The sections of {@code --help}, the man page and the settings page, in Gunicorn's order and names where
 * they mean the same (its settings documentation: Server Socket, Worker Processes, Security, Logging,
 * Process Naming, Server Mechanics, SSL, Server Hooks), plus what only a JVM has. A group with no
 * setting (TLS, until warcorn terminates TLS itself) is left out.
 */
public enum Group {
    SERVER_SOCKET("Server socket"),
    WORKER_PROCESSES("Worker processes"),
    SECURITY("Security"),
    LOGGING("Logging"),
    PROCESS_NAMING("Process naming"),
    SERVER_MECHANICS("Server mechanics"),
    TLS("TLS"),
    HOOKS("Server hooks"),
    JVM("JVM");

    private final String title;

    Group(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
