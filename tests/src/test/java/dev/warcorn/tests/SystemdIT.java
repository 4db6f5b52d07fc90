package dev.warcorn.tests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The master under systemd without PID-1 systemd: Debian's systemd-socket-activate passes the listening
 * socket and a stand-in notify socket, as a .socket unit and Type=notify-reload would.
 */
class SystemdIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @BeforeAll
    static void tools() {
        for (String tool : List.of("systemd-socket-activate", "python3"))
            assertTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is missing: .ci/run installs it (apt-get install systemd python3)");
    }

    @Test
    void socket_activation_and_notify_ready_reloading_stopping(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort(); // free now; systemd-socket-activate binds it below
        }
        try (NotifyReceiver notify = new NotifyReceiver(dir)) {
            List<String> command = new ArrayList<>(List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port,
                    "-E", "NOTIFY_SOCKET=" + notify.path, "-E", "XDG_CACHE_HOME=" + Warcorn.CACHE_HOME, Warcorn.DIST.resolve("bin/warcorn").toString(), "-w", "2", Warcorn.HELLO.toString()));
            Process activator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
            try {
                Warcorn.poll(Duration.ofSeconds(20), "systemd-socket-activate to listen",
                        () -> readable(dir.resolve("out.log")).contains("Listening on"));
                // the first connection makes it exec warcorn, which adopts the socket; the connection waits in its queue
                assertTrue(Http.get(port, "/hello", BOOT).is(200, "Hello, World!"));
                int ready = notify.await("READY=1", 0, BOOT);
                assertTrue(notify.messages().get(ready).contains("STATUS=2 workers ready"), notify.messages().toString());
                String log = readable(dir.resolve("out.log"));
                assertFalse(log.contains("bind"), log);

                long master = activator.pid(); // systemd-socket-activate execs warcorn: same pid
                for (ProcessHandle worker : activator.toHandle().children().toList()) {
                    String environ = Files.readString(Path.of("/proc", worker.pid() + "", "environ")).replace('\0', '\n');
                    assertFalse(environ.contains("LISTEN_PID=") || environ.contains("NOTIFY_SOCKET="), "worker environment: " + environ);
                }
                new ProcessBuilder("kill", "-HUP", master + "").start().waitFor();
                int reloading = notify.await("RELOADING=1", ready + 1, BOOT);
                assertTrue(notify.messages().get(reloading).contains("MONOTONIC_USEC="), notify.messages().toString());
                notify.await("READY=1", reloading + 1, BOOT);
                new ProcessBuilder("kill", "-TERM", master + "").start().waitFor();
                notify.await("STOPPING=1", reloading + 1, BOOT);
                assertTrue(activator.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(0, activator.exitValue(), readable(dir.resolve("out.log")));
            } finally {
                activator.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                activator.destroyForcibly();
            }
        }
    }

    @Test
    void binds_a_unix_socket_and_removes_it_on_exit(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("http.sock");
        try (Warcorn w = Warcorn.start("-b", "unix:" + socket, Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            assertTrue(w.output().contains("Listening at: unix:" + socket), w.output());
            assertTrue(Http.getUnix(socket, "/hello").endsWith("Hello, World!"));
            w.signal("TERM");
            assertTrue(w.waitForExit(Duration.ofSeconds(60)));
            assertEquals(0, w.exitCode());
            assertFalse(Files.exists(socket), "socket file removed");
        }
    }

    private static String readable(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
