package dev.warcorn.launcher.process;

import dev.warcorn.common.StatusMessage;
import dev.warcorn.common.WorkerFds;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.supervisor.Event;
import dev.warcorn.launcher.supervisor.WorkerLauncher;
import dev.warcorn.posix.FdStreams;
import dev.warcorn.posix.Libc;
import dev.warcorn.posix.PosixException;
import dev.warcorn.posix.ProcName;
import dev.warcorn.posix.Sockets;
import dev.warcorn.posix.Spawn;
import dev.warcorn.posix.WaitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spawns worker JVMs with {@code posix_spawn}: the shared listener on fd 0, a pipe from the master on
 * fd 3 (its end of file tells the worker the master is gone, even after {@code kill -9}), a status pipe
 * to the master on fd 4. The master writes on fd 3 only to tell a spare to take a slot. For each worker one thread reads its status lines and one reaps it with
 * {@code waitpid(pid)}; both only post events.
 */
public final class ProcessWorkerLauncher implements WorkerLauncher {
    private static final Logger log = LoggerFactory.getLogger(ProcessWorkerLauncher.class);

    private final WorkerCommand command;
    private final List<Integer> listenerFds;
    private final Map<String, String> environment;
    private final BlockingQueue<Event> events;
    /** The write end of each live worker's fd 3, closed when the worker is reaped. */
    private final Map<Long, Integer> toWorker = new ConcurrentHashMap<>();
    private int generation;
    /** --proc-name as of the latest launch, for the name a spare takes with its slot. */
    private volatile String procName = "wc";
    private final java.util.Optional<AotCache> aot;
    /**
     * Whether the master's fds 1 and 2 are open, so that each worker gets copies of them at
     * {@link WorkerFds#STDOUT_COPY} and {@link WorkerFds#STDERR_COPY} (posix_spawn fails on a closed one; a
     * worker without them makes its own copies, as it did before, or warns).
     */
    private final boolean outputCopies = isOpen(1) && isOpen(2);
    /** The generation of each live worker, for the AOT cache's bookkeeping. */
    private final Map<Long, Integer> generations = new ConcurrentHashMap<>();

    /**
     * @param listeners the master's listening sockets: the first goes to each worker's fd 0, the others to
     *                  {@link WorkerFds#FIRST_EXTRA_LISTENER} and up; the worker is told which of them speak TLS
     */
    public ProcessWorkerLauncher(WorkerCommand command, List<Listener> listeners, Map<String, String> environment, BlockingQueue<Event> events,
                                 java.util.Optional<AotCache> aot) {
        this.aot = aot;
        this.command = command;
        this.listenerFds = listeners.stream().map(Listener::fd).toList();
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put(WorkerFds.EXTRA_LISTENERS, Integer.toString(listenerFds.size() - 1));
        List<String> tls = new java.util.ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) if (listeners.get(i).tls()) tls.add(Integer.toString(i));
        env.put(WorkerFds.TLS_LISTENERS, String.join(",", tls));
        env.put(WorkerFds.OUTPUT_COPIES, Boolean.toString(outputCopies));
        this.environment = Map.copyOf(env);
        this.events = events;
    }

    /** An open fd of this process has an entry in /proc/self/fd (a link, whose target need not exist: a socket's does not). */
    static boolean isOpen(int fd) {
        return java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/fd/" + fd), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void prepare(Config config) {
        command.with(config).prepare();
    }

    @Override
    public long launch(int slot, boolean spare, Config config, long maxRequests) throws IOException {
        procName = config.get(Settings.PROC_NAME);
        int[] fromMaster = raised(Libc.pipe());
        int[] toMaster = raised(Libc.pipe());
        int pid;
        try {
            TreeMap<Integer, Integer> fds = new TreeMap<>(Map.of(
                    WorkerFds.LISTENER, listenerFds.getFirst(),
                    WorkerFds.FROM_MASTER, fromMaster[0],
                    WorkerFds.TO_MASTER, toMaster[1]));
            if (outputCopies) {
                fds.put(WorkerFds.STDOUT_COPY, 1);
                fds.put(WorkerFds.STDERR_COPY, 2);
            }
            for (int i = 1; i < listenerFds.size(); i++) fds.put(WorkerFds.FIRST_EXTRA_LISTENER + i - 1, listenerFds.get(i));
            int g = generation++;
            List<String> aotFlags = aot.map(a -> a.flags(g)).orElse(List.of());
            pid = Spawn.spawn(command.java().toString(), command.with(config).argv(slot, spare, g, maxRequests, aotFlags), environment, fds,
                    config.optional(Settings.CHDIR).orElse(null));
            generations.put((long) pid, g);
        } catch (PosixException e) {
            closeAll(fromMaster[0], fromMaster[1], toMaster[0], toMaster[1]);
            throw e;
        }
        closeAll(fromMaster[0], toMaster[1]); // the worker's ends; keeping them would hide its exit from the pipes
        toWorker.put((long) pid, fromMaster[1]);
        String name = (spare ? "spare-" : "worker-") + slot + "-" + pid;
        Thread reader = Thread.ofPlatform().daemon().name("status-" + name).start(() -> readStatus(pid, toMaster[0]));
        Thread.ofPlatform().daemon().name("reaper-" + name).start(() -> reap(pid, reader));
        return pid;
    }

    /**
     * One line on the worker's fd 3 (WorkerMain reads it). The pipe holds far more than a line and the
     * worker's watch thread always reads, so the write does not block the supervisor. The write runs inside
     * the map's atomic update for this pid, so the reaper cannot close the fd (and the number be reused)
     * in between.
     */
    @Override
    public boolean promote(long pid, int slot) {
        byte[] line = ("accept " + slot + " " + ProcName.worker(procName, slot) + "\n").getBytes(StandardCharsets.US_ASCII);
        boolean[] sent = {false};
        toWorker.computeIfPresent(pid, (p, fd) -> {
            try {
                FdStreams.output(fd).write(line);
                sent[0] = true;
            } catch (IOException e) {
                log.warn("pid={} cannot be told to take worker={}: {}", pid, slot, e.getMessage());
            }
            return fd;
        });
        return sent[0];
    }

    @Override
    public boolean signal(long pid, int signal) {
        return toWorker.containsKey(pid) && Libc.kill(pid, signal);
    }

    private void readStatus(int pid, int fd) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(FdStreams.input(fd), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                try {
                    events.add(new Event.WorkerReported(pid, StatusMessage.decode(line)));
                } catch (IllegalArgumentException e) {
                    log.warn("pid={} {}", pid, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("pid={} status pipe failed: {}", pid, e.getMessage());
        }
    }

    private void reap(int pid, Thread reader) {
        WaitStatus status;
        try {
            status = Libc.waitpid(pid);
        } catch (PosixException e) {
            log.error("pid={} cannot be reaped: {}", pid, e.getMessage());
            status = WaitStatus.exited(-1);
        }
        try {
            reader.join(1000); // the worker's last words (a boot failure) come before its exit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Integer fd = toWorker.remove((long) pid);
        if (fd != null) closeAll(fd);
        Integer g = generations.remove((long) pid);
        if (g != null) aot.ifPresent(a -> a.exited(g));
        events.add(new Event.WorkerExited(pid, status));
    }

    private static int[] raised(int[] pipe) throws PosixException {
        return new int[] {Sockets.raise(pipe[0]), Sockets.raise(pipe[1])};
    }

    private static void closeAll(int... fds) {
        for (int fd : fds) {
            try {
                Libc.close(fd);
            } catch (PosixException e) {
                log.warn("{}", e.getMessage());
            }
        }
    }
}
