package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --aot-cache: the first worker trains the cache as it exits; the next start uses it. */
class AotCacheIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    void the_first_run_trains_the_cache_and_the_next_run_uses_it(@TempDir Path dir) throws Exception {
        long trainedIn;
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--aot-cache", dir.toString(), Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            trainedIn = readyMillis(w);
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            w.signal("TERM");
            assertTrue(w.waitForExit(Duration.ofSeconds(60)));
            assertTrue(w.output().contains("AOT cache ready: " + dir.resolve("worker-")), w.output());
        }
        List<Path> caches;
        try (Stream<Path> files = Files.list(dir)) {
            caches = files.toList();
        }
        assertEquals(1, caches.size(), "one cache file, no training leftovers: " + caches);
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--aot-cache", dir.toString(), Warcorn.HELLO.toString())) {
            long worker = w.awaitReady(1, BOOT).getFirst();
            String cmdline = Files.readString(Path.of("/proc", worker + "", "cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("-XX:AOTCache=" + caches.getFirst()), cmdline);
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            System.out.println("boot with a training worker " + trainedIn + " ms, with the cache " + readyMillis(w) + " ms");
        }
    }

    private static long readyMillis(Warcorn w) {
        return Long.parseLong(w.await("ready in (\\d+) ms", Duration.ofSeconds(1)).group(1));
    }
}
