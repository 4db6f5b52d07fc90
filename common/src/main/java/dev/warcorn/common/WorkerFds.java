package dev.warcorn.common;

/**
 * Where a worker finds what its master hands it. fd 0 is the only fd {@code System.inheritedChannel()}
 * looks at; 3 and 4 are pipes: the master writes to 3 only to command a spare (a line, see WorkerMain), so end of file there means the master is
 * gone and the worker must exit; the worker reports on 4 ({@link StatusMessage}).
 */
public final class WorkerFds {
    public static final int LISTENER = 0;
    public static final int FROM_MASTER = 3;
    public static final int TO_MASTER = 4;
    /** More listening sockets (several --bind) follow from here, as many as {@link #EXTRA_LISTENERS} says. */
    public static final int FIRST_EXTRA_LISTENER = 5;
    /** Environment variable: how many extra listeners a worker has at {@link #FIRST_EXTRA_LISTENER} and up. */
    public static final String EXTRA_LISTENERS = "WARCORN_EXTRA_LISTENERS";

    private WorkerFds() {
    }
}
