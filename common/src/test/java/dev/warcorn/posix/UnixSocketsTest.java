package dev.warcorn.posix;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnixSocketsTest {
    @TempDir
    Path dir;

    private final List<Integer> opened = new ArrayList<>();

    @AfterEach
    void closeSockets() throws PosixException {
        for (int fd : opened) Libc.close(fd);
    }

    private int listen(Path path) throws IOException {
        int fd = UnixSockets.listen(path, 16, "bind unix:" + path);
        opened.add(fd);
        return fd;
    }

    private static void connect(Path path) throws IOException {
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertTrue(client.connect(UnixDomainSocketAddress.of(path)));
        }
    }

    @Test
    void listen_binds_a_socket_file_that_a_client_can_connect_to() throws IOException {
        Path path = dir.resolve("http.sock");
        listen(path);
        connect(path);
    }

    @Test
    void listening_fd_is_close_on_exec_and_kept_above_the_numbers_workers_receive_fds_at() throws IOException {
        int fd = listen(dir.resolve("http.sock"));
        assertTrue(fd >= Sockets.FIRST_PRIVATE_FD, "fd " + fd);
        assertTrue(SocketsTest.isCloseOnExec(fd), "fd " + fd + " has no O_CLOEXEC");
    }

    @Test
    void a_socket_file_left_by_a_process_that_is_gone_is_replaced() throws IOException {
        Path path = dir.resolve("http.sock");
        int first = UnixSockets.listen(path, 16, "bind");
        Libc.close(first); // as after kill -9: the file stays, nobody listens
        assertTrue(Files.exists(path));
        listen(path);
        connect(path);
    }

    @Test
    void a_path_another_socket_listens_on_is_reported_in_use_and_left_working() throws IOException {
        Path path = dir.resolve("http.sock");
        listen(path);
        PosixException e = assertThrows(PosixException.class, () -> UnixSockets.listen(path, 16, "bind unix:" + path));
        assertEquals("bind unix:" + path + " (another process listens on " + path + "): address already in use", e.getMessage());
        assertEquals(PosixException.EADDRINUSE, e.errno());
        connect(path);
    }

    @Test
    void a_file_that_is_not_a_socket_is_never_removed() throws IOException {
        Path path = Files.writeString(dir.resolve("precious.txt"), "keep me");
        IOException e = assertThrows(IOException.class, () -> UnixSockets.listen(path, 16, "bind unix:" + path));
        assertEquals("bind unix:" + path + ": " + path + " exists and is not a socket; remove it or choose another path", e.getMessage());
        assertEquals("keep me", Files.readString(path));
    }

    @Test
    void a_path_too_long_for_a_socket_address_is_refused_with_the_limit() {
        Path path = dir.resolve("x".repeat(120) + ".sock");
        IOException e = assertThrows(IOException.class, () -> UnixSockets.listen(path, 16, "bind unix:long"));
        assertTrue(e.getMessage().startsWith("bind unix:long: the path is "), e.getMessage());
        assertTrue(e.getMessage().contains("must be 1 to 107 bytes"), e.getMessage());
    }

    @Test
    void a_directory_that_does_not_exist_is_reported_by_bind() {
        Path path = dir.resolve("missing/http.sock");
        PosixException e = assertThrows(PosixException.class, () -> UnixSockets.listen(path, 16, "bind unix:" + path));
        assertEquals("bind unix:" + path + ": no such file or directory", e.getMessage());
    }

    @Test
    void addresses_round_trip_through_their_description() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment path = UnixSockets.address(a, "/run/warcorn/http.sock");
            assertEquals(2 + "/run/warcorn/http.sock".length() + 1, path.byteSize());
            assertEquals("/run/warcorn/http.sock", UnixSockets.describe(path, (int) path.byteSize()));
            MemorySegment abstractName = UnixSockets.address(a, "@warcorn/notify");
            assertEquals(2 + "@warcorn/notify".length(), abstractName.byteSize());
            assertEquals(0, abstractName.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 2));
            assertEquals("@warcorn/notify", UnixSockets.describe(abstractName, (int) abstractName.byteSize()));
        }
    }

    @Test
    void the_longest_path_that_fits_is_107_bytes() {
        try (Arena a = Arena.ofConfined()) {
            assertEquals(110, UnixSockets.address(a, "/" + "x".repeat(106)).byteSize());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnixSockets.address(a, "/" + "x".repeat(107)));
            assertEquals("108 bytes; at most 107 fit in a Unix socket address", e.getMessage());
            assertEquals(110, UnixSockets.address(a, "@" + "x".repeat(107)).byteSize());
        }
    }
}
