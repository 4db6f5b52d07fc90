package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code warcorn ctl} against a real master, through its control socket beside the pid file. */
class ControlIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    void ctl_reports_scales_reloads_and_stops_the_master(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("app.pid");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", "--pid", pid.toString(), Warcorn.HELLO.toString())) {
            List<Long> first = w.awaitReady(1, BOOT);
            assertEquals(w.pid() + "", Files.readString(pid).strip(), "pid file holds the master's pid");
            Path socket = dir.resolve("app.pid.ctl");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

            Http.Response status = Warcorn.ctl("-p", pid.toString(), "status");
            assertEquals(0, status.status(), status.body());
            assertTrue(status.body().contains("master pid=" + w.pid() + " state=running"), status.body());

            Http.Response json = Warcorn.ctl("-s", socket.toString(), "workers", "--json");
            assertTrue(json.body().startsWith("[{\"slot\":0,\"pid\":" + first.getFirst() + ",\"state\":\"ready\""), json.body());

            assertEquals(0, Warcorn.ctl("-p", pid.toString(), "scale", "2").status());
            w.awaitReady(2, BOOT);
            Http.Response bad = Warcorn.ctl("-p", pid.toString(), "scale", "0");
            assertEquals(2, bad.status());
            assertTrue(bad.body().contains("error: scale 0: expected one number of workers, at least 1"), bad.body());

            // reload reads the configuration again, as HUP does: back to the one worker of the command line
            assertEquals(0, Warcorn.ctl("-p", pid.toString(), "reload").status());
            w.awaitReady(3, BOOT);
            Warcorn.poll(BOOT, "the reload to finish", () -> w.workers().size() == 1
                    && w.workers().getFirst().pid() != first.getFirst());

            Http.Response workers = Warcorn.ctl("-p", pid.toString(), "workers");
            assertTrue(workers.body().startsWith("SLOT"), workers.body());
            assertEquals(2, workers.body().lines().count(), workers.body());

            assertEquals(0, Warcorn.ctl("-p", pid.toString(), "stop").status());
            assertTrue(w.waitForExit(Duration.ofSeconds(60)));
            assertEquals(0, w.exitCode());
            assertFalse(Files.exists(pid), "pid file removed on exit");
            assertFalse(Files.exists(socket), "control socket removed on exit");
        }
    }

    @Test
    void ctl_without_a_running_master_says_where_it_looked(@TempDir Path dir) throws Exception {
        Http.Response r = Warcorn.ctl("-s", dir.resolve("none.ctl").toString(), "status");
        assertEquals(1, r.status());
        assertTrue(r.body().contains("none.ctl: no such file; is the master running?"), r.body());
    }
}
