package dev.warcorn.common;

/**
 * Where a worker finds what its master hands it. fd 0 is the only fd {@code System.inheritedChannel()}
 * looks at; 3 and 4 are pipes: the master writes to 3 only to command a spare (a line, see WorkerMain), so end of file there means the master is
 * gone and the worker must exit; the worker reports on 4 ({@link StatusMessage}); 5 and 6 are copies of its
 * stdout and stderr ({@link #OUTPUT_COPIES}).
 */
public final class WorkerFds {
    public static final int LISTENER = 0;
    public static final int FROM_MASTER = 3;
    public static final int TO_MASTER = 4;
    /**
     * Copies of fds 1 and 2, placed by the master. Closing the inherited listener (Jetty's stop does where an
     * acceptor thread accepts, as on a unix: bind) makes the JDK point fds 0, 1 and 2 at /dev/null; the worker
     * logs through these copies, so its last lines are kept, and it needs no libc call of its own to make them
     * ({@code dev.warcorn.posix.JdkFds}).
     */
    public static final int STDOUT_COPY = 5, STDERR_COPY = 6;
    /** Environment variable: {@code true} when {@link #STDOUT_COPY} and {@link #STDERR_COPY} are there (the master's 1 and 2 were open). */
    public static final String OUTPUT_COPIES = "WARCORN_OUTPUT_COPIES";
    /** More listening sockets (several --bind) follow from here, as many as {@link #EXTRA_LISTENERS} says. */
    public static final int FIRST_EXTRA_LISTENER = 7;
    /** Environment variable: how many extra listeners a worker has at {@link #FIRST_EXTRA_LISTENER} and up. */
    public static final String EXTRA_LISTENERS = "WARCORN_EXTRA_LISTENERS";
    /**
     * Environment variable: which listeners speak TLS, as comma-separated positions (0 is fd 0, 1 the first
     * extra listener, …); the others are plain (a Unix socket, an --insecure-bind, or no --certfile).
     */
    public static final String TLS_LISTENERS = "WARCORN_TLS_LISTENERS";

    /** The positions {@link #TLS_LISTENERS} names, from its value (absent or empty: none). */
    public static java.util.Set<Integer> tlsListeners(String value) {
        if (value == null || value.isBlank()) return java.util.Set.of();
        return java.util.Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private WorkerFds() {
    }
}
