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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one listening socket every worker shares, from (first match): an old master handing it over
 * during a binary upgrade (USR2), systemd socket activation ({@code LISTEN_PID} is this process), or
 * {@code --bind}.
 *
 * @param fd         the master's close-on-exec copy, placed on each worker's fd 0
 * @param url        how the log names it: {@code http://127.0.0.1:8000} or {@code unix:/run/x.sock}
 * @param port       the TCP port, or 0 for a Unix socket
 * @param unixPath   the socket file this master created, to remove at exit
 */
public record Listener(int fd, String url, int port, Optional<Path> unixPath) {
    /** Set for the new master of a binary upgrade: the listener's fd number, placed there by the old master. */
    public static final String INHERITED_FD = "WARCORN_LISTENER_FD";

    /** A failure to get the listener, with the exit code it implies. */
    public static final class Failure extends Exception {
        public final ExitCode code;

        Failure(ExitCode code, String message) {
            super(message);
            this.code = code;
        }
    }

    public static Listener acquire(Config config, Map<String, String> env, long pid) throws Failure {
        try {
            String inherited = env.get(INHERITED_FD);
            if (inherited != null) return adopt(Integer.parseInt(inherited), "from the old master");
            List<SocketActivation.ActivatedSocket> activated = SocketActivation.fromEnvironment(env, pid);
            if (activated.size() > 1)
                throw new Failure(ExitCode.USAGE, "systemd passed " + activated.size() + " sockets; workers share exactly one, so give the socket unit one ListenStream=");
            if (activated.size() == 1) return describe(activated.getFirst().fd());
            List<Bind> binds = config.all(Settings.BIND);
            if (binds.size() > 1)
                throw new Failure(ExitCode.USAGE, "bind: " + binds.size() + " addresses given; workers share exactly one listening socket, so give one --bind (put a proxy in front for more)");
            return open(binds.getFirst(), config.get(Settings.BACKLOG));
        } catch (ConfigException | NumberFormatException e) {
            throw new Failure(ExitCode.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new Failure(ExitCode.ERROR, e.getMessage());
        }
    }

    private static Listener open(Bind bind, int backlog) throws IOException, ConfigException {
        return switch (bind) {
            case Bind.Tcp tcp -> describe(Sockets.listenTcp(tcp.address(), tcp.port(), backlog, "bind " + tcp));
            case Bind.Unix unix -> {
                int fd = UnixSockets.listen(unix.path(), backlog, "bind " + unix);
                yield new Listener(fd, unix.toString(), 0, Optional.of(unix.path()));
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
        if (unix.isPresent()) return new Listener(fd, "unix:" + unix.get(), 0, Optional.empty());
        InetSocketAddress a = Sockets.localAddress(fd);
        String host = a.getAddress().getHostAddress();
        return new Listener(fd, "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort(), a.getPort(), Optional.empty());
    }

    /** Removes the socket file this master created, if any. */
    public void close() throws IOException {
        if (unixPath.isPresent()) Files.deleteIfExists(unixPath.get());
    }
}
