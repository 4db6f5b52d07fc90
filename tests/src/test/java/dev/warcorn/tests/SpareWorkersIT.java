package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --spare-workers: a spare booted beside the workers serves nothing while it waits, and takes the slot of a
 * killed worker at once, before the spare that boots behind it is ready (the log's order, not a stopwatch).
 */
class SpareWorkersIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final int CLIENTS = 4;
    static final int BOUND = 200_000;
    private static final Pattern SPARE_READY = Pattern.compile("spare=0 pid=(\\d+) ready in (\\d+) ms");

    @Test
    void kill_9_under_keep_alive_load_is_covered_by_the_spare_before_its_successor_is_ready(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("app.pid");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--spare-workers", "1", "--pid", pid.toString(),
                Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(2, BOOT);
            long victim = Long.parseLong(w.await("worker=1 pid=(\\d+) ready in", BOOT).group(1));
            long spare = Long.parseLong(w.await(SPARE_READY.pattern(), BOOT).group(1));
            try (Load load = new Load(Load.Client.KEEP_ALIVE, port, "/hello", CLIENTS, BOUND)) {
                load.awaitMore(500, Duration.ofSeconds(30));
                String workers = Warcorn.ctl("-p", pid.toString(), "workers", "--json").body();
                assertTrue(workers.contains("\"pid\":" + spare + ",\"state\":\"spare\",") && spareRequests(workers, spare) == 0,
                        "the spare serves nothing while it waits: " + workers);

                ProcessHandle.of(victim).orElseThrow().destroyForcibly();
                Matcher promoted = w.await("worker=1 pid=" + spare + " promoted from spare=0 in (\\d+) ms after worker=1 pid=" + victim + " exited", BOOT);
                System.out.println("kill -9 -> slot accepting again: " + promoted.group(1) + " ms (master's clock)");
                Warcorn.poll(BOOT, "a new spare ready", () -> newSpareReady(w, spare) >= 0);
                assertTrue(lineOf(w, Pattern.quote(promoted.group())) < newSpareReady(w, spare),
                        "the slot was served again before a full boot (the next spare's) finished:\n" + w.tail(30));

                load.awaitMore(500, Duration.ofSeconds(30));
                String after = Warcorn.ctl("-p", pid.toString(), "workers", "--json").body();
                assertTrue(after.contains("{\"slot\":1,\"pid\":" + spare + ",\"state\":\"ready\""), after);
                load.close();
                assertTrue(load.failed() <= CLIENTS, "failures beyond the killed worker's in-flight requests: " + load.failures());
                LifecycleIT.assertReused(Load.Client.KEEP_ALIVE, load);
            }
        }
    }

    @Test
    void hup_replaces_the_spare_and_ctl_workers_lists_it(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("app.pid");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "1", "--spare-workers", "1", "--pid", pid.toString(),
                Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            long spare = Long.parseLong(w.await(SPARE_READY.pattern(), BOOT).group(1));
            String text = Warcorn.ctl("-p", pid.toString(), "workers").body();
            assertTrue(text.lines().anyMatch(l -> l.matches("s0\\s+" + spare + "\\s+spare\\s.*")), text);
            assertTrue(Warcorn.ctl("-p", pid.toString(), "status").body().contains("(1 running, 1 spare)"));

            w.signal("HUP");
            w.await("spare=0 pid=" + spare + " stopping: a reload began", BOOT);
            Warcorn.poll(BOOT, "a new spare ready after the reload", () -> newSpareReady(w, spare) >= 0);
            assertTrue(lineOf(w, "worker=0 pid=\\d+ replaced by") < newSpareReady(w, spare), "the slot's replacement boots first:\n" + w.tail(30));
            Warcorn.poll(BOOT, "the old spare to exit", () -> ProcessHandle.of(spare).map(Warcorn::running).orElse(false) == false);
        }
    }

    /** The requests the master counts for {@code pid} in {@code ctl workers --json}. */
    private static long spareRequests(String json, long pid) {
        Matcher m = Pattern.compile("\"pid\":" + pid + ",[^}]*\"requests\":(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }

    /** The line number of the first "spare=0 … ready" by a spare other than {@code first}, or -1. */
    private static int newSpareReady(Warcorn w, long first) {
        List<String> lines = w.output().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SPARE_READY.matcher(lines.get(i));
            if (m.find() && Long.parseLong(m.group(1)) != first) return i;
        }
        return -1;
    }

    private static int lineOf(Warcorn w, String regex) {
        List<String> lines = w.output().lines().toList();
        Pattern p = Pattern.compile(regex);
        for (int i = 0; i < lines.size(); i++) if (p.matcher(lines.get(i)).find()) return i;
        throw new AssertionError("no line matching " + regex + ":\n" + w.tail(30));
    }
}
