package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --aot-cache (on by default): the first worker trains the cache as it exits; the next start uses it. */
class AotCacheIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    void the_first_run_trains_the_cache_and_the_next_run_uses_it_its_workers_sharing_its_pages(@TempDir Path dir) throws Exception {
        long trainedIn;
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--aot-cache", dir.toString(), Warcorn.HELLO.toString())) {
            w.awaitReady(2, BOOT);
            trainedIn = readyMillis(w);
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            w.signal("TERM");
            assertTrue(w.waitForExit(Duration.ofSeconds(60)));
            assertTrue(w.output().contains("AOT cache ready: " + dir.resolve("worker-")), w.output());
            // the JVM writes the cache through a child JVM, whose launch and class path are not the user's business
            assertFalse(w.output().contains("JAVA_TOOL_OPTIONS") || w.output().contains("Launching child process"), w.output());
            // nor are the training JVM's notes on the classes it leaves out ("[warning][aot] Skipping …")
            assertFalse(w.output().contains("[aot]"), w.output());
            assertTrue(w.output().contains("in a JVM of its own"), "the trainer left the WAR's scan to another JVM: " + w.output());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.toList();
        }
        List<Path> caches = files.stream().filter(f -> f.getFileName().toString().startsWith("worker-")).toList();
        assertEquals(1, caches.size(), "one cache file, no training leftovers: " + files);
        assertEquals(2, files.stream().filter(f -> !f.getFileName().toString().startsWith("master-")).count(),
                "beside it only the quickstart descriptor (QuickstartIT) and the master's own files: " + files);
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--aot-cache", dir.toString(), Warcorn.HELLO.toString())) {
            List<Long> workers = w.awaitReady(2, BOOT);
            for (long worker : workers) {
                String cmdline = Files.readString(Path.of("/proc", worker + "", "cmdline")).replace('\0', ' ');
                assertTrue(cmdline.contains("-XX:AOTCache=" + caches.getFirst()), cmdline);
                // a JVM loads every class of its cache at start: the quickstart scan's would be loaded here for nothing
                String loaded = loadedClasses(worker);
                assertTrue(loaded.contains("org.eclipse.jetty.server.Server"), "the class list was read: " + loaded.length() + " chars");
                assertFalse(loaded.contains("org.eclipse.jetty.annotations.AnnotationParser"), "the cache holds the WAR scan's classes");
            }
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            System.out.println("boot with a training worker " + trainedIn + " ms, with the cache " + readyMillis(w) + " ms");
            // mapped where it was written, not relocated into a private copy per worker: the same address in
            // both, and pages of it that both map from the file (a relocated cache is all private dirty pages)
            List<String> first = cacheMappings(workers.get(0), caches.getFirst()), second = cacheMappings(workers.get(1), caches.getFirst());
            assertFalse(first.isEmpty(), "the cache is mapped");
            assertEquals(first.getFirst().split(" ")[0], second.getFirst().split(" ")[0], "both workers map the cache's classes at the same address");
            for (long worker : workers) {
                long shared = sharedKb(worker, caches.getFirst());
                assertTrue(shared >= 1024, "worker " + worker + " shares " + shared + " kB of the cache's pages: " + cacheMappings(worker, caches.getFirst()));
            }
        }
    }

    /** The classes the JVM of {@code pid} has loaded ({@code jcmd VM.classes}, with the JVM's own jcmd). */
    private static String loadedClasses(long pid) throws Exception {
        Path jcmd = Path.of("/proc", pid + "", "exe").toRealPath().resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.classes").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "jcmd finished");
        return out;
    }

    /** The header lines of /proc/PID/smaps for the mappings of {@code file}. */
    private static List<String> cacheMappings(long pid, Path file) throws Exception {
        return Files.readAllLines(Path.of("/proc", pid + "", "smaps")).stream().filter(l -> l.endsWith(" " + file)).toList();
    }

    /**
     * Shared_Clean and Shared_Dirty of the mappings of {@code file} in /proc/PID/smaps: pages of it that other
     * processes map too (dirty while the page cache has not yet written the new file back).
     */
    private static long sharedKb(long pid, Path file) throws Exception {
        long total = 0;
        boolean inFile = false;
        for (String line : Files.readAllLines(Path.of("/proc", pid + "", "smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) inFile = line.endsWith(" " + file);
            else if (inFile && line.matches("Shared_(Clean|Dirty):.*")) total += Long.parseLong(line.replaceAll("\\D", ""));
        }
        return total;
    }

    @Test
    void on_by_default_a_second_start_uses_the_cache_and_a_changed_class_path_jar_trains_a_new_one(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString());
        Path jar = dir.resolve("extra.jar");
        writeJar(jar, "one");
        String[] args = {"-b", "127.0.0.1:0", "--worker-classpath", jar.toString(), Warcorn.HELLO.toString()};
        Path cache;
        long cold;
        try (Warcorn w = Warcorn.startWith(env, args)) {
            w.awaitReady(1, BOOT);
            cache = Path.of(w.await("AOT cache: this worker trains (\\S+) ", BOOT).group(1));
            assertEquals(dir.resolve("xdg/warcorn"), cache.getParent(), "auto is $XDG_CACHE_HOME/warcorn");
            cold = readyMillis(w);
            stop(w);
            w.await("AOT cache ready: " + Pattern.quote(cache.toString()), Duration.ofSeconds(1));
        }
        try (Warcorn w = Warcorn.startWith(env, args)) {
            w.awaitReady(1, BOOT);
            w.await("AOT cache: workers start with " + Pattern.quote(cache.toString()), Duration.ofSeconds(1));
            System.out.println("default AOT cache: boot while training " + cold + " ms, with the cache " + readyMillis(w) + " ms");
            stop(w);
        }
        writeJar(jar, "two, rebuilt");
        try (Warcorn w = Warcorn.startWith(env, args)) {
            w.awaitReady(1, BOOT);
            Path retrained = Path.of(w.await("AOT cache: this worker trains (\\S+) ", BOOT).group(1));
            assertNotEquals(cache, retrained, "a changed jar keys a new cache");
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            stop(w);
        }
    }

    @Test
    void the_master_records_its_classes_the_next_start_builds_its_cache_and_later_masters_start_with_it(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.toString());
        Path cacheDir = dir.resolve("warcorn");
        try (Warcorn refused = Warcorn.startWith(env, "/no/such/app.war")) { // records too, but never serves
            assertTrue(refused.waitForExit(BOOT));
            Warcorn.poll(Duration.ofSeconds(5), "the refusal read", () -> refused.output().contains("no such file"));
            assertEquals("warcorn: WAR /no/such/app.war: no such file or directory; give the path of a .war file or an exploded WAR directory",
                    refused.output().strip(), "the JVM's own line about its record is not the master's output");
        }
        try (Warcorn w = Warcorn.startWith(env, "-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            // the refused start's record is dropped, not built into a cache of the few classes it loaded
            assertTrue(masterCommandLine(w).contains("-XX:AOTMode=record -XX:AOTConfiguration=" + cacheDir.resolve("master-")),
                    masterCommandLine(w));
            stop(w);
        }
        try (Warcorn w = Warcorn.startWith(env, "-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            assertFalse(masterCommandLine(w).contains("-XX:AOT"), "this start builds the cache beside it: " + masterCommandLine(w));
            Warcorn.poll(BOOT, "the master's cache built", () -> masterCaches(cacheDir).size() == 1);
            stop(w);
        }
        Path cache = masterCaches(cacheDir).getFirst();
        try (Warcorn w = Warcorn.startWith(env, "-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            assertTrue(masterCommandLine(w).contains("-XX:AOTCache=" + cache + " "), masterCommandLine(w));
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            stop(w);
            assertFalse(w.output().contains("[aot]"), "a cache the JVM could not use would say so: " + w.output());
        }
        try (Stream<Path> files = Files.list(cacheDir)) {
            List<String> left = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("master-")).toList();
            assertEquals(List.of(cache.getFileName().toString()), left, "no record or partial file left behind");
        }
    }

    private static String masterCommandLine(Warcorn w) throws Exception {
        return Files.readString(Path.of("/proc", w.pid() + "", "cmdline")).replace('\0', ' ');
    }

    private static List<Path> masterCaches(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("master-\\d+\\.aot")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Test
    void aot_cache_off_starts_without_one(@TempDir Path dir) throws Exception {
        try (Warcorn w = Warcorn.startWith(Map.of("XDG_CACHE_HOME", dir.toString()), "-b", "127.0.0.1:0", "--aot-cache", "off", Warcorn.HELLO.toString())) {
            long worker = w.awaitReady(1, BOOT).getFirst();
            String cmdline = Files.readString(Path.of("/proc", worker + "", "cmdline")).replace('\0', ' ');
            assertFalse(cmdline.contains("-XX:AOTCache"), cmdline);
            assertFalse(masterCommandLine(w).contains("-XX:AOT"), "nor the master: " + masterCommandLine(w));
            assertFalse(w.output().contains("AOT cache"), w.output());
            assertFalse(Files.exists(dir.resolve("warcorn")));
        }
    }

    private static void stop(Warcorn w) throws Exception {
        w.signal("TERM");
        assertTrue(w.waitForExit(Duration.ofSeconds(60)), w.tail(20));
    }

    /** A jar of one text entry: enough to be on the class path and change the cache's key when rewritten. */
    private static void writeJar(Path jar, String content) throws Exception {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("note.txt"));
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static long readyMillis(Warcorn w) {
        return Long.parseLong(w.await("ready in (\\d+) ms", Duration.ofSeconds(1)).group(1));
    }
}
