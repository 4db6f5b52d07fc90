package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** --user, --group, --umask and --chdir: started as root, master and workers run as the user. */
class PrivilegesIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    void started_as_root_it_binds_then_runs_as_the_user_with_its_umask_and_directory(@TempDir Path dir) throws Exception {
        assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t"), "needs root, as CI has");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx")); // the pid file's directory, for nobody
        Path pid = dir.resolve("app.pid");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-u", "nobody", "-m", "027", "--chdir", "/tmp",
                "--pid", pid.toString(), Warcorn.HELLO.toString())) {
            int port = w.port();
            long worker = w.awaitReady(1, BOOT).getFirst();
            assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"));
            for (long p : List.of(w.pid(), worker)) {
                String status = Files.readString(Path.of("/proc", p + "", "status"));
                assertTrue(status.contains("\nUid:\t65534\t65534\t65534\t65534\n"), p + ": " + status);
                assertTrue(status.contains("\nUmask:\t0027\n"), p + ": " + status);
            }
            assertEquals(Path.of("/tmp"), Files.readSymbolicLink(Path.of("/proc", worker + "", "cwd")));
            assertEquals("nobody", Files.getOwner(pid).getName());
            w.signal("TERM");
            assertTrue(w.waitForExit(Duration.ofSeconds(60)));
            assertEquals(0, w.exitCode(), w.output());
            assertFalse(Files.exists(pid));
        }
    }

    @Test
    void an_unknown_user_is_refused_before_any_worker_starts() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "-b", "127.0.0.1:0", "-u", "no-such-user-here", Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode());
        assertTrue(w.output().contains("warcorn: user no-such-user-here: no such user; check --user and --group"), w.output());
        assertFalse(w.output().contains("booting"), w.output());
    }
}
