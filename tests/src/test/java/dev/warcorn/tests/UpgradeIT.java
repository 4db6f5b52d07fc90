package dev.warcorn.tests;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** USR2, the binary upgrade: a new master on the same socket, the old one drained and ended, nothing refused. */
class UpgradeIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Load.Client.class)
    void usr2_then_term_to_the_old_master_hands_over_without_a_failed_request(Load.Client client, @TempDir Path dir) throws Exception {
        Path pid = dir.resolve("app.pid");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--pid", pid.toString(), Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            long newMaster = 0;
            try (Load load = new Load(client, port, "/hello", 4, 200_000)) {
                load.awaitMore(200, Duration.ofSeconds(20));
                w.signal("USR2");
                newMaster = Long.parseLong(w.await("upgrade: started a new master, pid (\\d+)", BOOT).group(1));
                w.await("upgrade: new workers ready; telling the old master " + w.pid(), BOOT);
                Warcorn.poll(BOOT, "the old master's workers to stop", () -> w.workers().stream().allMatch(p -> p.pid() == newMasterOf(w)));
                assertEquals(newMaster + "", Files.readString(pid).strip(), "the pid file names the new master");
                assertEquals(w.pid() + "", Files.readString(dir.resolve("app.pid.oldbin")).strip());
                w.signal("TERM");
                assertTrue(w.waitForExit(Duration.ofSeconds(60)));
                assertEquals(0, w.exitCode());
                load.awaitMore(200, Duration.ofSeconds(20));
                load.close();
                assertEquals(0, load.failed(), "failed requests: " + load.failures() + "\n" + w.tail(80));
                LifecycleIT.assertReused(client, load);
                assertNotEquals(w.pid() + "", Http.get(port, "/pid").body());
                assertTrue(ProcessHandle.of(newMaster).map(ProcessHandle::isAlive).orElse(false), "the new master serves on");
            } finally {
                if (newMaster != 0) ProcessHandle.of(newMaster).ifPresent(ProcessHandle::destroy);
            }
            long nm = newMaster;
            Warcorn.poll(Duration.ofSeconds(60), "the new master to stop", () -> ProcessHandle.of(nm).map(p -> !p.isAlive()).orElse(true));
        }
    }

    private static long newMasterOf(Warcorn w) {
        String line = w.await("upgrade: started a new master, pid (\\d+)", Duration.ofSeconds(1)).group(1);
        return Long.parseLong(line);
    }
}
