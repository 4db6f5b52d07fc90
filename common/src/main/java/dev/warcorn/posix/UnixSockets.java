package dev.warcorn.posix;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Unix-domain sockets through libc: the listener for {@code --bind unix:PATH}, and the
 * {@code struct sockaddr_un} that {@link SystemdNotify} sends to. The JDK has Unix-domain stream channels
 * (since JDK 16) but, as for TCP, keeps their fd number private, and it has no Unix datagram sockets.
 */
public final class UnixSockets {
    private static final Logger log = LoggerFactory.getLogger(UnixSockets.class);

    /** Size of {@code sun_path} in Linux's {@code struct sockaddr_un}; a path also needs its closing NUL. */
    static final int SUN_PATH_SIZE = 108;
    private static final int SUN_PATH_OFFSET = 2; // after sa_family_t
    private static final int S_IFMT = 0170000, S_IFSOCK = 0140000;

    private UnixSockets() {
    }

    /**
     * A listening Unix stream socket bound to {@code path}, close-on-exec and at or above
     * {@link Sockets#FIRST_PRIVATE_FD}, like {@link Sockets#listenTcp}. A socket file left behind by a
     * process that is gone is removed first; one that a process still listens on is reported as in use,
     * and a file that is not a socket is never removed. The socket file gets the mode the umask allows;
     * the caller removes it when it stops.
     *
     * @param what how the caller names this bind in errors, e.g. {@code bind unix:/run/warcorn/http.sock}
     * @throws PosixException when a libc call fails, e.g. {@code bind unix:/x.sock: address already in use}
     * @throws IOException    when the path is too long for a socket address, or is taken by another file
     */
    public static int listen(Path path, int backlog, String what) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length >= SUN_PATH_SIZE)
            throw new IOException(what + ": the path is " + name.length + " bytes; a Unix socket path must be 1 to "
                    + (SUN_PATH_SIZE - 1) + " bytes, so choose a shorter one (e.g. under /run)");
        removeStale(path, what);
        int fd = Libc.socket(Libc.AF_UNIX, Libc.SOCK_STREAM, what);
        try {
            try (Arena a = Arena.ofConfined()) {
                Libc.bind(fd, address(a, path.toString()), what);
            }
            Libc.listen(fd, backlog, what);
            return Sockets.raise(fd);
        } catch (PosixException e) {
            try {
                Libc.close(fd);
            } catch (PosixException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Removes a socket file nobody listens on (a master killed with -9 leaves one behind). A connection
     * attempt tells the two apart: a live listener accepts it, a dead socket file refuses it.
     */
    private static void removeStale(Path path, String what) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK)
            throw new IOException(what + ": " + path + " exists and is not a socket; remove it or choose another path");
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (ConnectException refused) {
            Files.deleteIfExists(path);
            log.info("Removed stale socket file {} (nothing listened on it)", path);
            return;
        }
        throw new PosixException(what + " (another process listens on " + path + ")", PosixException.EADDRINUSE);
    }

    /**
     * The {@code struct sockaddr_un} for {@code name}: a file system path, or an abstract name written
     * with a leading {@code @} (as systemd writes {@code NOTIFY_SOCKET}), which Linux keeps with a
     * leading NUL byte and no trailing one. The segment is exactly as long as the address, so its size
     * is the {@code socklen_t} to pass.
     *
     * @throws IllegalArgumentException when the name is empty or does not fit in {@code sun_path}
     */
    static MemorySegment address(Arena arena, String name) {
        boolean abstractName = name.startsWith("@");
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || (abstractName && bytes.length == 1))
            throw new IllegalArgumentException("empty; expected a socket path or @abstract-name");
        int pathLength = abstractName ? bytes.length : bytes.length + 1; // '@' becomes NUL; a path gets a closing NUL
        if (pathLength > SUN_PATH_SIZE)
            throw new IllegalArgumentException(bytes.length + " bytes; at most " + (SUN_PATH_SIZE - (abstractName ? 0 : 1))
                    + " fit in a Unix socket address");
        MemorySegment sa = arena.allocate(SUN_PATH_OFFSET + pathLength); // zero-filled
        sa.set(JAVA_SHORT, 0, (short) Libc.AF_UNIX);
        MemorySegment.copy(bytes, abstractName ? 1 : 0, sa, JAVA_BYTE, SUN_PATH_OFFSET + (abstractName ? 1 : 0),
                abstractName ? bytes.length - 1 : bytes.length);
        return sa;
    }

    /**
     * How to show a {@code sockaddr_un} of {@code length} bytes that getsockname returned: its path,
     * {@code @name} for an abstract one, or {@code (unnamed)}.
     */
    static String describe(MemorySegment sockaddr, int length) {
        if (length <= SUN_PATH_OFFSET) return "(unnamed)";
        byte[] path = sockaddr.asSlice(SUN_PATH_OFFSET, length - SUN_PATH_OFFSET).toArray(JAVA_BYTE);
        if (path[0] == 0) return "@" + new String(path, 1, path.length - 1, StandardCharsets.UTF_8);
        int end = 0;
        while (end < path.length && path[end] != 0) end++;
        return new String(path, 0, end, StandardCharsets.UTF_8);
    }
}
