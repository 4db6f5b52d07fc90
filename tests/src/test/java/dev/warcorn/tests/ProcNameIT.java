package dev.warcorn.tests;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** --proc-name: ps, top and pgrep tell the master from each worker by the name the kernel keeps. */
class ProcNameIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    private static List<Long> pgrep(String exactName) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-x", exactName).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("pgrep did not finish");
        return Arrays.stream(out.split("\\s+")).filter(s -> !s.isBlank()).map(Long::parseLong).sorted().toList();
    }

    @Test
    void pgrep_finds_the_master_and_each_worker_by_its_process_name() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--proc-name", "pnit", Warcorn.HELLO.toString())) {
            w.awaitReady(2, BOOT);
            long slot0 = w.readyPidOfSlot(0, 0).orElseThrow();
            long slot1 = w.readyPidOfSlot(1, 0).orElseThrow();
            assertEquals(List.of(w.pid()), pgrep("pnit-master"));
            assertEquals(List.of(slot0), pgrep("pnit-worker-0"));
            assertEquals(List.of(slot1), pgrep("pnit-worker-1"));
            assertEquals("pnit-worker-1", Files.readString(Path.of("/proc/" + slot1 + "/comm")).strip());
        }
    }

    @Test
    void without_proc_name_the_master_and_workers_are_wc_master_and_wc_worker_slot() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", Warcorn.HELLO.toString())) {
            long worker = w.awaitReady(1, BOOT).getFirst();
            assertEquals("wc-master", Files.readString(Path.of("/proc/" + w.pid() + "/comm")).strip());
            assertEquals("wc-worker-0", Files.readString(Path.of("/proc/" + worker + "/comm")).strip());
        }
    }
}
