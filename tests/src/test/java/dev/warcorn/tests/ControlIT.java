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
    void ctl_top_once_shows_every_column_for_each_worker_and_a_totals_line_and_json_says_the_same(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("app.pid");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--pid", pid.toString(), Warcorn.HELLO.toString())) {
            int port = w.port();
            List<Long> pids = w.awaitReady(2, BOOT);
            try (Load load = new Load(port, "/hello", 2, 1_000_000)) {
                load.awaitMore(200, Duration.ofSeconds(60));
                Http.Response top = Warcorn.ctl("-p", pid.toString(), "top", "--once");
                assertEquals(0, top.status(), top.body());
                List<String> lines = top.body().lines().toList();
                assertTrue(lines.get(0).startsWith("master pid=" + w.pid()), top.body());
                assertEquals(List.of("SLOT", "PID", "STATE", "AGE", "REQ/S", "P50_MS", "P99_MS", "INFLIGHT", "WAITING", "RSS_MB", "GC%"),
                        List.of(lines.get(1).trim().split("\\s+")), top.body());
                assertEquals(5, lines.size(), "status, header, two workers, totals:\n" + top.body());
                for (int i = 0; i < 2; i++) {
                    String[] c = lines.get(2 + i).trim().split("\\s+");
                    assertEquals(11, c.length, lines.get(2 + i));
                    assertEquals(Integer.toString(i), c[0], "slot");
                    assertTrue(pids.contains(Long.parseLong(c[1])), "pid " + c[1] + " is a worker's");
                    assertEquals("ready", c[2]);
                    assertTrue(c[3].matches("\\d+s"), "age " + c[3]);
                    assertTrue(Double.parseDouble(c[4]) > 0, "req/s under load: " + c[4]);
                    assertTrue(Double.parseDouble(c[5]) > 0 && Double.parseDouble(c[5]) <= Double.parseDouble(c[6]), "p50 <= p99: " + c[5] + " " + c[6]);
                    assertTrue(Integer.parseInt(c[7]) >= 0 && Integer.parseInt(c[8]) >= 0, "in flight and waiting: " + c[7] + " " + c[8]);
                    assertTrue(Integer.parseInt(c[9]) > 16, "RSS in MB of a JVM: " + c[9]);
                    assertTrue(Double.parseDouble(c[10]) >= 0 && Double.parseDouble(c[10]) <= 100, "GC %: " + c[10]);
                }
                String[] total = lines.get(4).trim().split("\\s+");
                assertEquals(List.of("TOTAL", "-", "2", "workers", "-"), List.of(total).subList(0, 5), lines.get(4));
                assertTrue(Double.parseDouble(total[5]) > 0, "pool req/s: " + lines.get(4));

                Http.Response json = Warcorn.ctl("-p", pid.toString(), "top", "--json");
                assertEquals(0, json.status(), json.body());
                assertTrue(json.body().matches("(?s)\\{\"interval_seconds\":[0-9.]+,\"workers\":\\[\\{\"slot\":0,\"pid\":\\d+,\"state\":\"ready\",\"age_seconds\":\\d+,"
                        + "\"requests_per_second\":[0-9.]+,\"p50_ms\":[0-9.]+,\"p99_ms\":[0-9.]+,\"in_flight\":\\d+,\"waiting\":\\d+,\"rss_bytes\":\\d+,"
                        + "\"gc_percent\":[0-9.]+}.*\"total\":\\{\"workers\":2,.*\n"), json.body());
            }
            Http.Response bad = Warcorn.ctl("-p", pid.toString(), "top", "--fast");
            assertEquals(2, bad.status());
            assertTrue(bad.body().contains("unknown option --fast; expected --once or --json"), bad.body());
        }
    }

    @Test
    void ctl_without_a_running_master_says_where_it_looked(@TempDir Path dir) throws Exception {
        Http.Response r = Warcorn.ctl("-s", dir.resolve("none.ctl").toString(), "status");
        assertEquals(1, r.status());
        assertTrue(r.body().contains("none.ctl: no such file; is the master running?"), r.body());
    }
}
