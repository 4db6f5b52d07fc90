package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several --bind at once: every worker serves every address, through reloads too. */
class MultiBindIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    void two_tcp_ports_and_a_unix_socket_are_served_by_every_worker(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("http.sock");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-b", "127.0.0.1:0", "-b", "unix:" + socket, "-w", "2",
                Warcorn.HELLO.toString())) {
            List<Long> first = w.awaitReady(2, BOOT);
            List<Integer> ports = new ArrayList<>();
            Matcher m = Pattern.compile("Listening at: http://127.0.0.1:(\\d+) ").matcher(w.output());
            while (m.find()) ports.add(Integer.parseInt(m.group(1)));
            assertEquals(2, ports.size(), w.output());
            assertTrue(w.output().contains("Listening at: unix:" + socket), w.output());
            for (int port : ports) {
                Set<String> pids = new HashSet<>();
                for (int i = 0; i < 200 && pids.size() < 2; i++) pids.add(Http.get(port, "/pid").body());
                assertEquals(2, pids.size(), "both workers answer on port " + port + ": " + pids);
            }
            assertTrue(Http.getUnix(socket, "/hello").endsWith("Hello, World!"));
            w.signal("HUP");
            w.awaitReady(4, BOOT);
            // after the reload: once the old workers are gone. A connection that meets an old worker's unix-socket
            // acceptor in the instant its stop interrupts it can still be reset (docs/design.md, "The worker")
            for (long old : first) w.await("pid=" + old + " stopped", BOOT);
            for (int port : ports) assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"), "after a reload, port " + port);
            assertTrue(Http.getUnix(socket, "/hello").endsWith("Hello, World!"));
            // the old workers stopped as they should, not with Jetty's complaint about a socket file they never bound
            assertFalse(w.output().contains("graceful stop failed"), w.output());
        }
    }

    @Test
    void two_unix_sockets_are_refused_with_the_rule(@TempDir Path dir) throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "-b", "unix:" + dir.resolve("a.sock"), "-b", "unix:" + dir.resolve("b.sock"),
                Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode());
        assertTrue(w.output().contains("bind: 2 unix: sockets given; workers can serve one Unix socket beside any number of TCP ones"), w.output());
    }
}
