package dev.warcorn.launcher.process;

import dev.warcorn.common.WorkerFds;
import dev.warcorn.posix.PosixException;
import dev.warcorn.posix.SocketActivation;
import dev.warcorn.posix.Spawn;
import dev.warcorn.posix.SystemdNotify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * USR2, the binary upgrade Gunicorn and Unicorn users know: the master starts a new master from the
 * same command line (and so from whatever is installed now), handing it the listening sockets on fds 3 and up.
 * The new master boots its workers on that socket; once they are ready it sends WINCH to the old master,
 * whose workers then stop gracefully. TERM to the old master ends it.
 */
public final class Upgrade {
    /** Set for the new master: the old master's pid, which gets WINCH once the new workers are ready. */
    public static final String OLD_MASTER = "WARCORN_UPGRADE_FROM";
    private static final int LISTENER_FD = WorkerFds.FROM_MASTER; // 3, the first fd past stdio

    private Upgrade() {
    }

    /** The old master's pid, when this master was started by a USR2 upgrade. */
    public static OptionalLong oldMaster(Map<String, String> env) {
        String pid = env.get(OLD_MASTER);
        return pid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid));
    }

    /** Starts the new master; returns its pid. */
    public static long start(List<Listener> listeners) throws PosixException {
        ProcessHandle.Info me = ProcessHandle.current().info();
        String java = me.command().orElseThrow(() -> new IllegalStateException("the JVM's own command line is unknown"));
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(List.of(me.arguments().orElse(new String[0])));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeAll(SocketActivation.VARIABLES); // the new master's socket comes from us, not systemd
        env.keySet().removeAll(SystemdNotify.VARIABLES);     // systemd accepts notifications from its main pid only
        TreeMap<Integer, Integer> placements = new TreeMap<>();
        List<String> numbers = new ArrayList<>();
        List<String> insecure = new ArrayList<>(); // TCP listeners without TLS while --certfile is set: --insecure-bind ones
        for (int i = 0; i < listeners.size(); i++) {
            placements.put(LISTENER_FD + i, listeners.get(i).fd());
            numbers.add(Integer.toString(LISTENER_FD + i));
            if (!listeners.get(i).tls()) insecure.add(Integer.toString(LISTENER_FD + i));
        }
        env.put(Listener.INHERITED_FD, String.join(",", numbers));
        env.put(Listener.INHERITED_INSECURE_FDS, String.join(",", insecure));
        env.put(OLD_MASTER, Long.toString(ProcessHandle.current().pid()));
        return Spawn.spawn(java, argv, env, placements);
    }
}
