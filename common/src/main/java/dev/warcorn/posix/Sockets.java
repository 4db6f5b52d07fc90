package dev.warcorn.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Listening sockets made with libc rather than {@code ServerSocketChannel}, because the master needs the
 * fd number to hand the socket to each worker's fd 0, and the JDK keeps that number private.
 */
public final class Sockets {
    /** Worker-bound fds are kept at or above this number in the master (see {@link Libc#dupCloexec}). */
    public static final int FIRST_PRIVATE_FD = 10;

    private Sockets() {
    }

    /**
     * socket + SO_REUSEADDR + bind + listen, close-on-exec, so that only the copy a spawn places on a
     * worker's fd 0 crosses into a child.
     *
     * @param what how the caller names this bind in errors, e.g. {@code bind 127.0.0.1:8000}
     */
    public static int listenTcp(InetAddress host, int port, int backlog, String what) throws PosixException {
        boolean v6 = host instanceof Inet6Address;
        int fd = Libc.socket(v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_STREAM, what);
        try {
            Libc.setReuseAddress(fd, what);
            try (Arena a = Arena.ofConfined()) {
                Libc.bind(fd, v6 ? sockaddrIn6(a, (Inet6Address) host, port) : sockaddrIn(a, (Inet4Address) host, port), what);
            }
            Libc.listen(fd, backlog, what);
            return raise(fd);
        } catch (PosixException e) {
            closeQuietly(fd, e);
            throw e;
        }
    }

    /** The address a TCP socket is bound to (the real port when 0 was asked for). */
    public static InetSocketAddress localAddress(int fd) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(128);
            Libc.getsockname(fd, sa);
            int family = sa.get(JAVA_SHORT, 0);
            int port = ((sa.get(JAVA_BYTE, 2) & 0xff) << 8) | (sa.get(JAVA_BYTE, 3) & 0xff);
            byte[] ip = family == Libc.AF_INET6 ? sa.asSlice(8, 16).toArray(JAVA_BYTE) : sa.asSlice(4, 4).toArray(JAVA_BYTE);
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("getsockname returned a malformed address", e);
        }
    }

    /** The path of a Unix socket, or empty when {@code fd} is not one (or is abstract or unnamed). */
    public static java.util.Optional<java.nio.file.Path> unixPath(int fd) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(128);
            int len = Libc.getsockname(fd, sa);
            if (sa.get(JAVA_SHORT, 0) != Libc.AF_UNIX || len <= 2 || sa.get(JAVA_BYTE, 2) == 0) return java.util.Optional.empty();
            return java.util.Optional.of(java.nio.file.Path.of(sa.getString(2)));
        }
    }

    /** Moves {@code fd} to a close-on-exec number at or above {@link #FIRST_PRIVATE_FD}. */
    public static int raise(int fd) throws PosixException {
        if (fd >= FIRST_PRIVATE_FD) return fd;
        int high = Libc.dupCloexec(fd, FIRST_PRIVATE_FD);
        Libc.close(fd);
        return high;
    }

    private static MemorySegment sockaddrIn(Arena a, Inet4Address host, int port) {
        MemorySegment sa = a.allocate(16); // struct sockaddr_in, zero-filled
        sa.set(JAVA_SHORT, 0, (short) Libc.AF_INET);
        putPort(sa, port);
        MemorySegment.copy(host.getAddress(), 0, sa, JAVA_BYTE, 4, 4);
        return sa;
    }

    private static MemorySegment sockaddrIn6(Arena a, Inet6Address host, int port) {
        MemorySegment sa = a.allocate(28); // struct sockaddr_in6: family, port, flowinfo, addr[16], scope_id
        sa.set(JAVA_SHORT, 0, (short) Libc.AF_INET6);
        putPort(sa, port);
        MemorySegment.copy(host.getAddress(), 0, sa, JAVA_BYTE, 8, 16);
        sa.set(java.lang.foreign.ValueLayout.JAVA_INT, 24, host.getScopeId());
        return sa;
    }

    private static void putPort(MemorySegment sa, int port) { // network byte order
        sa.set(JAVA_BYTE, 2, (byte) (port >>> 8));
        sa.set(JAVA_BYTE, 3, (byte) port);
    }

    private static void closeQuietly(int fd, Exception cause) {
        try {
            Libc.close(fd);
        } catch (PosixException e) {
            cause.addSuppressed(e);
        }
    }
}
