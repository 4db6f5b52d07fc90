package dev.warcorn.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * systemd socket activation ({@code sd_listen_fds} without libsystemd): when {@code LISTEN_PID} is this
 * process, systemd has passed {@code LISTEN_FDS} listening sockets at fds 3, 4, …, named by the
 * colon-separated {@code LISTEN_FDNAMES}. The master hands such a socket to every worker's fd 0 instead
 * of binding one itself, so connections queue in the kernel while warcorn starts or restarts.
 */
public final class SocketActivation {
    /** The first passed fd ({@code SD_LISTEN_FDS_START}). */
    public static final int FIRST_FD = 3;
    /** The variables that are meant for the master alone; remove them from a worker's environment. */
    public static final Set<String> VARIABLES = Set.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");
    /** systemd's name for a socket whose unit gives none and whose service has no LISTEN_FDNAMES. */
    static final String UNKNOWN_NAME = "unknown";
    private static final int EBADF = 9, ENOTSOCK = 88;

    /**
     * A listening socket systemd passed.
     *
     * @param fd       the master's copy: close-on-exec and at or above {@link Sockets#FIRST_PRIVATE_FD}, ready to
     *                 be placed on a worker's fd 0; the number systemd used is closed
     * @param passedAs the fd number systemd passed it at (3, 4, …), for messages
     * @param name     its name from {@code LISTEN_FDNAMES} ({@code FileDescriptorName=} in the socket unit)
     * @param family   {@link Libc#AF_INET}, {@link Libc#AF_INET6} or {@link Libc#AF_UNIX}
     * @param address  where it listens: {@code 127.0.0.1:8000}, {@code [::]:8000}, or {@code unix:/run/x.sock}
     */
    public record ActivatedSocket(int fd, int passedAs, String name, int family, String address) {
    }

    private SocketActivation() {
    }

    /**
     * The sockets systemd passed to process {@code myPid}: empty when {@code LISTEN_PID} is unset or
     * names another process (the variables were inherited, not meant for us).
     *
     * @throws IOException when the variables are malformed, or a passed fd is not a listening stream socket
     *                     of an IP or Unix address; the message names the fd and says what to change
     */
    public static List<ActivatedSocket> fromEnvironment(Map<String, String> env, long myPid) throws IOException {
        return fromEnvironment(env, myPid, FIRST_FD);
    }

    /** As {@link #fromEnvironment(Map, long)} with the passed fds starting at {@code firstFd} (tests). */
    static List<ActivatedSocket> fromEnvironment(Map<String, String> env, long myPid, int firstFd) throws IOException {
        SortedMap<Integer, String> passed = passedFds(env, myPid, firstFd);
        List<ActivatedSocket> checked = new ArrayList<>();
        for (var p : passed.entrySet()) checked.add(inspect(p.getKey(), p.getValue()));
        List<ActivatedSocket> moved = new ArrayList<>(); // only once all are good: a failure leaves the fds as passed
        for (ActivatedSocket s : checked) moved.add(new ActivatedSocket(move(s.fd()), s.passedAs(), s.name(), s.family(), s.address()));
        return List.copyOf(moved);
    }

    /**
     * systemd passes its fds without close-on-exec and at the numbers a worker receives its pipes at;
     * the master keeps a close-on-exec copy above those numbers, like every other fd it hands out.
     */
    private static int move(int fd) throws PosixException {
        int copy = Libc.dupCloexec(fd, Sockets.FIRST_PRIVATE_FD);
        Libc.close(fd);
        return copy;
    }

    /** The passed fd numbers and their names, from the variables alone. */
    static SortedMap<Integer, String> passedFds(Map<String, String> env, long myPid, int firstFd) throws IOException {
        SortedMap<Integer, String> fds = new TreeMap<>();
        String pid = env.get("LISTEN_PID");
        if (pid == null || pid.isBlank()) return fds;
        if (number("LISTEN_PID", pid) != myPid) return fds;
        String count = env.get("LISTEN_FDS");
        if (count == null || count.isBlank())
            throw new IOException("LISTEN_PID=" + pid + " is this process but LISTEN_FDS is not set; systemd sets both");
        long n = number("LISTEN_FDS", count);
        if (n < 0 || n > 1024)
            throw new IOException("LISTEN_FDS=" + count + ": expected the number of sockets systemd passed (0 to 1024)");
        String names = env.get("LISTEN_FDNAMES");
        String[] named = names == null ? null : names.split(":", -1);
        if (named != null && named.length != n)
            throw new IOException("LISTEN_FDNAMES=" + names + ": " + named.length + " names for LISTEN_FDS=" + count
                    + "; systemd passes one name per socket");
        for (int i = 0; i < n; i++) fds.put(firstFd + i, named == null ? UNKNOWN_NAME : named[i]);
        return fds;
    }

    private static long number(String variable, String value) throws IOException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IOException(variable + "=" + value + ": not a number; systemd sets it, so check what else does");
        }
    }

    /** Checks that {@code fd} is a listening stream socket of an IP or Unix address, and says where it listens. */
    static ActivatedSocket inspect(int fd, String name) throws IOException {
        String which = "fd " + fd + " (" + name + ") from systemd";
        int type;
        try {
            type = Libc.getsockoptInt(fd, Libc.SOL_SOCKET, Libc.SO_TYPE, which);
        } catch (PosixException e) {
            if (e.errno() == ENOTSOCK)
                throw new IOException(which + " is not a socket; warcorn takes listening stream sockets (ListenStream= in the .socket unit)");
            if (e.errno() == EBADF) throw new IOException(which + " is not open, although LISTEN_FDS says it was passed");
            throw e;
        }
        if (type != Libc.SOCK_STREAM)
            throw new IOException(which + " is a " + (type == Libc.SOCK_DGRAM ? "datagram" : "type " + type)
                    + " socket; warcorn serves HTTP on stream sockets only: use ListenStream= in the .socket unit");
        if (Libc.getsockoptInt(fd, Libc.SOL_SOCKET, Libc.SO_ACCEPTCONN, which) == 0)
            throw new IOException(which + " is a stream socket that is not listening, such as one connection of a unit with "
                    + "Accept=yes; warcorn needs the listening socket itself: Accept=no, the default");
        int family = Libc.getsockoptInt(fd, Libc.SOL_SOCKET, Libc.SO_DOMAIN, which);
        return new ActivatedSocket(fd, fd, name, family, address(fd, family, which));
    }

    private static String address(int fd, int family, String which) throws IOException {
        if (family == Libc.AF_INET || family == Libc.AF_INET6) {
            InetSocketAddress a = Sockets.localAddress(fd);
            String host = a.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
        }
        if (family == Libc.AF_UNIX) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment sa = a.allocate(128);
                int length = Libc.getsockname(fd, sa);
                if (sa.get(JAVA_SHORT, 0) != Libc.AF_UNIX) throw new IOException(which + ": getsockname returned another address family");
                return "unix:" + UnixSockets.describe(sa, length);
            }
        }
        throw new IOException(which + " has address family " + family + "; warcorn serves IPv4, IPv6 and Unix sockets only");
    }
}
