package dev.warcorn.posix;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketActivationTest {
    private static final long ME = 4711;

    @TempDir
    Path dir;

    private final List<Integer> opened = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        for (int fd : opened) {
            try {
                Libc.close(fd);
            } catch (PosixException alreadyClosed) {
                // fromEnvironment moved it: closed on purpose
            }
        }
    }

    private int tcpListener() throws IOException {
        int fd = Sockets.listenTcp(InetAddress.getLoopbackAddress(), 0, 16, "bind 127.0.0.1:0");
        opened.add(fd);
        return fd;
    }

    private int track(int fd) {
        opened.add(fd);
        return fd;
    }

    private static SortedMap<Integer, String> passed(Map<String, String> env) throws IOException {
        return SocketActivation.passedFds(env, ME, SocketActivation.FIRST_FD);
    }

    // === the variables ===

    @Test
    void nothing_is_passed_without_listen_pid() throws IOException {
        assertEquals(Map.of(), passed(Map.of()));
        assertEquals(Map.of(), passed(Map.of("LISTEN_FDS", "1")));
    }

    @Test
    void sockets_passed_to_another_process_are_not_ours() throws IOException {
        assertEquals(Map.of(), passed(Map.of("LISTEN_PID", "1", "LISTEN_FDS", "2")));
    }

    @Test
    void passed_fds_start_at_3_and_take_their_names_in_order() throws IOException {
        assertEquals(Map.of(3, "http", 4, "admin"),
                passed(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "http:admin")));
    }

    @Test
    void sockets_without_names_are_called_unknown_as_systemd_calls_them() throws IOException {
        assertEquals(Map.of(3, "unknown"), passed(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "1")));
    }

    @Test
    void zero_sockets_is_an_empty_list() throws IOException {
        assertEquals(Map.of(), passed(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "0")));
    }

    @Test
    void names_that_do_not_match_the_count_are_refused() {
        IOException e = assertThrows(IOException.class,
                () -> passed(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "http:admin")));
        assertEquals("LISTEN_FDNAMES=http:admin: 2 names for LISTEN_FDS=1; systemd passes one name per socket", e.getMessage());
    }

    @Test
    void malformed_variables_are_refused_naming_them() {
        assertEquals("LISTEN_PID=me: not a number; systemd sets it, so check what else does",
                assertThrows(IOException.class, () -> passed(Map.of("LISTEN_PID", "me", "LISTEN_FDS", "1"))).getMessage());
        assertEquals("LISTEN_FDS=one: not a number; systemd sets it, so check what else does",
                assertThrows(IOException.class, () -> passed(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "one"))).getMessage());
        assertEquals("LISTEN_FDS=-1: expected the number of sockets systemd passed (0 to 1024)",
                assertThrows(IOException.class, () -> passed(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "-1"))).getMessage());
        assertEquals("LISTEN_PID=4711 is this process but LISTEN_FDS is not set; systemd sets both",
                assertThrows(IOException.class, () -> passed(Map.of("LISTEN_PID", "4711"))).getMessage());
    }

    // === checking what an fd is ===

    @Test
    void a_listening_tcp_socket_is_accepted_with_its_address() throws IOException {
        int fd = tcpListener();
        SocketActivation.ActivatedSocket s = SocketActivation.inspect(fd, "http");
        assertEquals(Libc.AF_INET, s.family());
        assertEquals("127.0.0.1:" + Sockets.localAddress(fd).getPort(), s.address());
        assertEquals("http", s.name());
    }

    @Test
    void a_listening_unix_socket_is_accepted_with_its_path() throws IOException {
        Path path = dir.resolve("http.sock");
        int fd = track(UnixSockets.listen(path, 16, "bind"));
        SocketActivation.ActivatedSocket s = SocketActivation.inspect(fd, "http");
        assertEquals(Libc.AF_UNIX, s.family());
        assertEquals("unix:" + path, s.address());
    }

    @Test
    void an_fd_that_is_not_a_socket_is_refused() throws IOException {
        int[] pipe = Libc.pipe();
        track(pipe[0]);
        track(pipe[1]);
        IOException e = assertThrows(IOException.class, () -> SocketActivation.inspect(pipe[0], "http"));
        assertEquals("fd " + pipe[0] + " (http) from systemd is not a socket; warcorn takes listening stream sockets (ListenStream= in the .socket unit)",
                e.getMessage());
    }

    @Test
    void a_datagram_socket_is_refused() throws IOException {
        int fd = track(Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, "socket"));
        IOException e = assertThrows(IOException.class, () -> SocketActivation.inspect(fd, "dns"));
        assertEquals("fd " + fd + " (dns) from systemd is a datagram socket; warcorn serves HTTP on stream sockets only: use ListenStream= in the .socket unit",
                e.getMessage());
    }

    @Test
    void a_stream_socket_that_does_not_listen_is_refused_mentioning_accept_yes() throws IOException {
        int fd = track(Libc.socket(Libc.AF_INET, Libc.SOCK_STREAM, "socket"));
        IOException e = assertThrows(IOException.class, () -> SocketActivation.inspect(fd, "http"));
        assertTrue(e.getMessage().startsWith("fd " + fd + " (http) from systemd is a stream socket that is not listening"), e.getMessage());
        assertTrue(e.getMessage().contains("Accept=no"), e.getMessage());
    }

    @Test
    void an_fd_that_is_not_open_is_refused() throws IOException {
        int[] pipe = Libc.pipe();
        Libc.close(pipe[0]);
        Libc.close(pipe[1]);
        IOException e = assertThrows(IOException.class, () -> SocketActivation.inspect(pipe[0], "http"));
        assertEquals("fd " + pipe[0] + " (http) from systemd is not open, although LISTEN_FDS says it was passed", e.getMessage());
    }

    // === the whole step, on fds placed where a test can put them ===

    /** Copies of {@code fds} at consecutive numbers, as systemd passes them; returns the first. */
    private int consecutive(int... fds) throws PosixException {
        int first = track(Libc.dupCloexec(fds[0], 600));
        for (int i = 1; i < fds.length; i++) assertEquals(first + i, track(Libc.dupCloexec(fds[i], first + i)), "fd " + (first + i) + " is taken");
        return first;
    }

    @Test
    void passed_sockets_are_moved_to_private_close_on_exec_fds_and_still_accept_connections() throws IOException {
        int first = consecutive(tcpListener(), tcpListener());
        Map<String, String> env = Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "http:admin");
        List<SocketActivation.ActivatedSocket> sockets = SocketActivation.fromEnvironment(env, ME, first);
        sockets.forEach(s -> track(s.fd()));
        assertEquals(List.of(first, first + 1), sockets.stream().map(SocketActivation.ActivatedSocket::passedAs).toList());
        assertEquals(List.of("http", "admin"), sockets.stream().map(SocketActivation.ActivatedSocket::name).toList());
        for (SocketActivation.ActivatedSocket s : sockets) {
            assertNotEquals(s.passedAs(), s.fd());
            assertTrue(SocketsTest.isCloseOnExec(s.fd()), "fd " + s.fd());
            assertFalse(Files.exists(Path.of("/proc/self/fd/" + s.passedAs())), "fd " + s.passedAs() + " is still open");
            InetSocketAddress local = Sockets.localAddress(s.fd());
            try (Socket client = new Socket(local.getAddress(), local.getPort())) {
                assertTrue(client.isConnected());
            }
        }
    }

    @Test
    void when_one_passed_fd_is_bad_none_is_moved() throws IOException {
        int[] pipe = Libc.pipe();
        track(pipe[0]);
        track(pipe[1]);
        int first = consecutive(tcpListener(), pipe[0]);
        Map<String, String> env = Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "2");
        IOException e = assertThrows(IOException.class, () -> SocketActivation.fromEnvironment(env, ME, first));
        assertTrue(e.getMessage().startsWith("fd " + (first + 1) + " (unknown) from systemd is not a socket"), e.getMessage());
        assertTrue(Files.exists(Path.of("/proc/self/fd/" + first)), "fd " + first + " was closed");
    }

    @Test
    void a_process_started_with_a_listener_at_fd_3_and_its_own_pid_in_listen_pid_finds_it() throws IOException {
        int listener = tcpListener();
        int[] out = Libc.pipe();
        int read = track(Sockets.raise(out[0]));
        int write = Sockets.raise(out[1]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // sh exports its own pid, then execs Java in the same process: what systemd does between fork and exec.
        String script = "export LISTEN_PID=$$; exec \"$0\" --enable-native-access=ALL-UNNAMED -cp \"$1\" " + ActivationProbe.class.getName();
        int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", script, java, System.getProperty("java.class.path")),
                Map.of("PATH", "/usr/bin:/bin", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "http"),
                new TreeMap<>(Map.of(1, write, 3, listener)));
        Libc.close(write);
        String printed;
        try (InputStream in = FdStreams.input(read)) {
            opened.remove(Integer.valueOf(read));
            printed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(WaitStatus.exited(0), Libc.waitpid(pid), printed);
        assertEquals("3 http 127.0.0.1:" + Sockets.localAddress(listener).getPort() + " raised\n", printed);
    }
}
