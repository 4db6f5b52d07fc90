package dev.warcorn.posix;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SocketsTest {
    private static final int O_CLOEXEC_IN_FDINFO = 02000000;

    private final List<Integer> opened = new ArrayList<>();

    @AfterEach
    void closeSockets() throws PosixException {
        for (int fd : opened) Libc.close(fd);
    }

    private int listen(String host, int port) throws IOException {
        int fd = Sockets.listenTcp(InetAddress.getByName(host), port, 16, "bind " + host + ":" + port);
        opened.add(fd);
        return fd;
    }

    @Test
    void port_zero_binds_a_free_port_that_a_plain_socket_can_connect_to() throws IOException {
        int fd = listen("127.0.0.1", 0);
        InetSocketAddress local = Sockets.localAddress(fd);
        assertEquals(InetAddress.getByName("127.0.0.1"), local.getAddress());
        assertTrue(local.getPort() > 0, local.toString());
        try (Socket client = new Socket(local.getAddress(), local.getPort())) {
            assertTrue(client.isConnected());
        }
    }

    @Test
    void listening_fd_is_kept_above_the_numbers_workers_receive_fds_at() throws IOException {
        int fd = listen("127.0.0.1", 0);
        assertTrue(fd >= Sockets.FIRST_PRIVATE_FD, "fd " + fd);
    }

    @Test
    void listening_fd_is_close_on_exec_so_it_crosses_into_a_child_only_where_placed() throws IOException {
        int fd = listen("127.0.0.1", 0);
        assertTrue(isCloseOnExec(fd), "fd " + fd + " has no O_CLOEXEC");
    }

    @Test
    void address_already_in_use_is_reported_with_the_callers_description() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            int port = taken.getLocalPort();
            PosixException e = assertThrows(PosixException.class,
                    () -> Sockets.listenTcp(loopback, port, 16, "bind 127.0.0.1:" + port));
            assertEquals("bind 127.0.0.1:" + port + ": address already in use", e.getMessage());
            assertEquals(PosixException.EADDRINUSE, e.errno());
        }
    }

    @Test
    void failed_bind_does_not_leak_the_socket() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            long before = openFds();
            for (int i = 0; i < 20; i++)
                assertThrows(PosixException.class, () -> Sockets.listenTcp(loopback, taken.getLocalPort(), 16, "bind"));
            assertTrue(openFds() < before + 10, "fds before " + before + ", after " + openFds());
        }
    }

    @Test
    void an_address_this_machine_does_not_have_is_reported() throws IOException {
        InetAddress notOurs = InetAddress.getByName("192.0.2.1"); // TEST-NET-1, never assigned
        PosixException e = assertThrows(PosixException.class, () -> Sockets.listenTcp(notOurs, 0, 16, "bind 192.0.2.1:0"));
        assertEquals("bind 192.0.2.1:0: cannot assign requested address", e.getMessage());
        assertEquals(PosixException.EADDRNOTAVAIL, e.errno());
    }

    @Test
    void ipv6_loopback_binds_and_accepts_connections() throws IOException {
        assumeTrue(hasIpv6Loopback(), "this machine has no ::1");
        int fd = listen("::1", 0);
        InetSocketAddress local = Sockets.localAddress(fd);
        assertEquals(InetAddress.getByName("::1"), local.getAddress());
        assertNotEquals(0, local.getPort());
        try (Socket client = new Socket(local.getAddress(), local.getPort())) {
            assertTrue(client.isConnected());
        }
    }

    @Test
    void raise_moves_a_low_fd_to_a_close_on_exec_number_at_or_above_the_private_range() throws PosixException {
        int[] pipe = Libc.pipe();
        int low = Math.min(pipe[0], pipe[1]);
        int high = Math.max(pipe[0], pipe[1]);
        Libc.close(high);
        int raised = Sockets.raise(low);
        opened.add(raised);
        assertTrue(raised >= Sockets.FIRST_PRIVATE_FD, "fd " + raised);
        assertTrue(isCloseOnExec(raised));
    }

    @Test
    void raise_leaves_an_fd_that_is_already_high_alone() throws PosixException {
        int[] pipe = Libc.pipe();
        int high = Libc.dupCloexec(pipe[0], 100);
        Libc.close(pipe[0]);
        Libc.close(pipe[1]);
        opened.add(high);
        assertEquals(high, Sockets.raise(high));
    }

    static boolean isCloseOnExec(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd)))
                if (line.startsWith("flags:")) return (Integer.parseInt(line.substring(6).strip(), 8) & O_CLOEXEC_IN_FDINFO) != 0;
            throw new AssertionError("no flags in /proc/self/fdinfo/" + fd);
        } catch (IOException e) {
            throw new AssertionError("fd " + fd + " is not open", e);
        }
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static boolean hasIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return probe.getLocalPort() > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
