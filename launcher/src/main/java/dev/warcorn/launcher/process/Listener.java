package dev.warcorn.launcher.process;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.config.Bind;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.ConfigException;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.posix.PosixException;
import dev.warcorn.posix.SocketActivation;
import dev.warcorn.posix.Sockets;
import dev.warcorn.posix.UnixSockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one listening socket every worker shares, from (first match): an old master handing it over
 * during a binary upgrade (USR2), systemd socket activation ({@code LISTEN_PID} is this process), or
 * {@code --bind}.
 *
 * @param fd         the master's close-on-exec copy, placed on each worker's fd 0
 * @param url        how the log names it: {@code http://127.0.0.1:8000}, {@code https://…} or {@code unix:/run/x.sock}
 * @param port       the TCP port, or 0 for a Unix socket
 * @param unixPath   the socket file this master created, to remove at exit
 * @param tls        whether workers speak TLS on it: a TCP listener with --certfile, unless it is an --insecure-bind
 */
public record Listener(int fd, String url, int port, Optional<Path> unixPath, boolean tls) {
    /** Set for the new master of a binary upgrade: the listener's fd number, placed there by the old master. */
    public static final String INHERITED_FD = "WARCORN_LISTENER_FD";
    /** Set beside {@link #INHERITED_FD}: which of those fds were --insecure-bind listeners of the old master. */
    public static final String INHERITED_INSECURE_FDS = "WARCORN_INSECURE_LISTENER_FDS";

    /** A failure to get the listener, with the exit code it implies. */
    public static final class Failure extends Exception {
        public final ExitCode code;

        Failure(ExitCode code, String message) {
            super(message);
            this.code = code;
        }
    }

    /**
     * Every listening socket, the one workers take on fd 0 first. Several are fine (several --bind, or a
     * socket unit with several ListenStream=); at most one may be a Unix socket, and it goes first,
     * because workers adopt the others as TCP channels.
     */
    public static List<Listener> acquire(Config config, Map<String, String> env, long pid) throws Failure {
        List<Listener> all = new ArrayList<>();
        try {
            String inherited = env.get(INHERITED_FD);
            List<SocketActivation.ActivatedSocket> activated = inherited == null ? SocketActivation.fromEnvironment(env, pid) : List.of();
            boolean tls = config.optional(Settings.CERTFILE).isPresent();
            List<Bind> insecure = config.all(Settings.INSECURE_BIND);
            if (inherited != null) {
                List<String> insecureFds = List.of(env.getOrDefault(INHERITED_INSECURE_FDS, "").split(","));
                for (String fd : inherited.split(","))
                    all.add(adopt(Integer.parseInt(fd), "from the old master").secured(tls && !insecureFds.contains(fd)));
            } else if (!activated.isEmpty()) {
                for (SocketActivation.ActivatedSocket a : activated) {
                    Listener l = describe(a.fd());
                    all.add(l.secured(tls && !matches(l, insecure)));
                }
            } else {
                for (Bind b : config.all(Settings.BIND)) all.add(open(b, config.get(Settings.BACKLOG)).secured(tls));
                for (Bind b : insecure) all.add(open(b, config.get(Settings.BACKLOG)));
            }
        } catch (ConfigException | NumberFormatException e) {
            closeAll(all);
            throw new Failure(ExitCode.USAGE, e.getMessage());
        } catch (IOException e) {
            closeAll(all);
            throw new Failure(ExitCode.ERROR, e.getMessage());
        }
        all.sort(Comparator.comparing((Listener l) -> !l.url().startsWith("unix:")));
        if (all.size() > 1 && all.get(1).url().startsWith("unix:")) {
            closeAll(all);
            throw new Failure(ExitCode.USAGE, "bind: " + all.stream().filter(l -> l.url().startsWith("unix:")).count()
                    + " unix: sockets given; workers can serve one Unix socket beside any number of TCP ones");
        }
        return all;
    }

    /**
     * Whether a socket systemd passed is one of the --insecure-bind addresses (by its local address; a
     * socket unit names real ports, so port 0 never matches).
     */
    private static boolean matches(Listener l, List<Bind> insecure) {
        return insecure.stream().anyMatch(b -> switch (b) {
            case Bind.Tcp tcp -> tcp.port() == l.port() && l.url().equals("http://" + tcp);
            case Bind.Unix unix -> l.url().equals(unix.toString());
            case Bind.Fd fd -> fd.fd() == l.fd();
        });
    }

    /** This listener with TLS on or off; only a TCP listener speaks TLS, and the log then names it {@code https://}. */
    Listener secured(boolean on) {
        boolean tcp = url.startsWith("http://");
        return new Listener(fd, on && tcp ? "https://" + url.substring("http://".length()) : url, port, unixPath, on && tcp);
    }

    private static void closeAll(List<Listener> listeners) {
        for (Listener l : listeners) {
            try {
                dev.warcorn.posix.Libc.close(l.fd());
                l.close();
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(Listener.class).warn("closing {} after a failed start: {}", l.url(), e.getMessage());
            }
        }
    }

    private static Listener open(Bind bind, int backlog) throws IOException, ConfigException {
        return switch (bind) {
            case Bind.Tcp tcp -> describe(Sockets.listenTcp(tcp.address(), tcp.port(), backlog, "bind " + tcp));
            case Bind.Unix unix -> {
                int fd = UnixSockets.listen(unix.path(), backlog, "bind " + unix);
                yield new Listener(fd, unix.toString(), 0, Optional.of(unix.path()), false);
            }
            case Bind.Fd given -> adopt(given.fd(), "as " + given);
        };
    }

    private static Listener adopt(int fd, String how) throws IOException {
        try {
            return describe(Sockets.raise(fd));
        } catch (PosixException e) {
            throw new IOException("listening socket " + how + ": " + e.getMessage(), e);
        }
    }

    private static Listener describe(int fd) throws PosixException {
        Optional<Path> unix = Sockets.unixPath(fd);
        if (unix.isPresent()) return new Listener(fd, "unix:" + unix.get(), 0, Optional.empty(), false);
        InetSocketAddress a = Sockets.localAddress(fd);
        String host = a.getAddress().getHostAddress();
        return new Listener(fd, "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort(), a.getPort(), Optional.empty(), false);
    }

    /** Removes the socket file this master created, if any. */
    public void close() throws IOException {
        if (unixPath.isPresent()) Files.deleteIfExists(unixPath.get());
    }
}
