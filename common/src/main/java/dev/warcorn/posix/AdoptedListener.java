package dev.warcorn.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A listening TCP socket inherited at some fd other than 0, as a {@code ServerSocketChannel} Jetty can
 * use. The JDK only wraps fd 0 ({@code System.inheritedChannel()}) and offers no public way to wrap
 * another fd, so: open a channel of the same family on an ephemeral loopback port, find its fd by
 * matching its address (getsockname over /proc/self/fd), and {@code dup2} the inherited socket onto
 * it. The channel then accepts from the inherited socket; only its cached local address still names
 * the ephemeral port, which is used for nothing but log lines.
 */
public final class AdoptedListener {
    private static final MethodHandle DUP2 = Libc.function("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);

    private AdoptedListener() {
    }

    public static ServerSocketChannel adopt(int fd) throws IOException {
        InetSocketAddress real = Sockets.localAddress(fd);
        boolean v6 = real.getAddress() instanceof Inet6Address;
        ServerSocketChannel channel = ServerSocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(InetAddress.getByName(v6 ? "::1" : "127.0.0.1"), 0), 1);
            int own = fdOf(channel.getLocalAddress());
            dup2(fd, own);
            Libc.close(fd);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The fd of this process's socket bound to {@code address}. */
    private static int fdOf(SocketAddress address) throws IOException {
        List<Integer> fds;
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            fds = entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Integer::valueOf).toList();
        }
        for (int fd : fds) {
            try {
                if (Sockets.localAddress(fd).equals(address)) return fd;
            } catch (PosixException | RuntimeException notASocket) {
                // files, pipes, sockets of other families: not the one
            }
        }
        throw new IOException("cannot find the fd of the channel bound to " + address);
    }

    private static void dup2(int from, int to) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = Libc.callState(a);
            if ((int) DUP2.invokeExact(cs, from, to) < 0) throw new PosixException("dup2(" + from + ", " + to + ")", Libc.errno(cs));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("dup2", t);
        }
    }
}
