package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --quickstart (on by default): the first worker writes Jetty's quickstart descriptor of the WAR into the
 * cache directory, and every later worker, of this master or of the next, starts from it without scanning.
 */
class QuickstartIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final String WROTE = "Quickstart: wrote (\\S+) in \\d+ ms";
    static final String STARTING = "Quickstart: starting from ";

    @Test
    void the_first_worker_writes_the_descriptor_and_a_restarted_master_starts_from_it_without_writing_again(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.toString());
        Path descriptor;
        try (Warcorn w = Warcorn.startWith(env, "-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            descriptor = Path.of(w.await(WROTE, BOOT).group(1));
            assertEquals(dir.resolve("warcorn"), descriptor.getParent(), "kept beside the AOT cache, so the next master finds it");
            assertTrue(descriptor.getFileName().toString().startsWith("quickstart-hello.war-"), descriptor.toString());
            w.await(STARTING + Pattern.quote(descriptor.toString()), Duration.ofSeconds(1)); // the writer starts from it too
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            stop(w);
        }
        assertTrue(Files.readString(descriptor).contains("dev.warcorn.examples.hello.HelloServlet"),
                "the annotated servlets are in the descriptor, found by the one scan");
        try (Warcorn w = Warcorn.startWith(env, "-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            w.await(STARTING + Pattern.quote(descriptor.toString()), Duration.ofSeconds(1));
            assertFalse(w.output().contains("Quickstart: wrote"), w.output());
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"), "@WebServlet mappings come from the descriptor");
            assertEquals(404, Http.get(w.port(), "/index.jsp").status(), "no JSP in this WAR: still no JSP servlet");
        }
    }

    @Test
    void a_descriptor_that_does_not_start_the_war_is_set_aside_and_the_worker_starts_without_it(@TempDir Path dir) throws Exception {
        try (Warcorn w = Warcorn.startWith(Map.of("XDG_CACHE_HOME", dir.toString()), "-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            long first = w.awaitReady(1, BOOT).getFirst();
            Path descriptor = Path.of(w.await(WROTE, BOOT).group(1));
            Files.writeString(descriptor, "<web-app><servlet>"); // damaged, as a full disk or a hand edit would leave it

            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            long second = w.awaitReady(2, BOOT).getLast();
            w.await("Quickstart: " + Pattern.quote(descriptor.toString()) + " did not start the WAR \\(.+\\); set aside as "
                    + Pattern.quote(descriptor.getFileName() + ".unusable"), Duration.ofSeconds(1));
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"), "the same worker started the WAR the usual way");
            assertTrue(Files.exists(descriptor.resolveSibling(descriptor.getFileName() + ".unusable")));
            int tries = count(w, STARTING);

            ProcessHandle.of(second).orElseThrow().destroyForcibly();
            w.awaitReady(3, BOOT);
            assertEquals(tries, count(w, STARTING), "a file set aside is not tried again:\n" + w.tail(20));
            assertFalse(Files.exists(descriptor), "nor written again");
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
        }
    }

    @Test
    void a_master_started_from_another_directory_does_not_reuse_a_descriptor_that_names_jars_relative_to_the_first(@TempDir Path dir) throws Exception {
        // Jetty's generator writes a path under the worker's working directory as ${user.dir.uri}/...: started in the
        // distribution's own directory, the JSP WAR's descriptor names the container's JSTL jar relative to it
        Path jspWar = Warcorn.EXAMPLES.resolve("jsp-jakarta/target/jsp-jakarta.war").toAbsolutePath();
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Path first;
        try (Warcorn w = Warcorn.startWith(env, "-b", "127.0.0.1:0", "--chdir", Warcorn.DIST.toAbsolutePath().normalize().toString(), jspWar.toString())) {
            w.awaitReady(1, BOOT);
            first = Path.of(w.await(WROTE, BOOT).group(1));
            assertEquals(200, Http.get(w.port(), "/index.jsp").status());
            stop(w);
        }
        assertTrue(Files.readString(first).contains("${user.dir.uri}"), "the case under test: a path relative to the working directory");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (Warcorn w = Warcorn.startWith(env, "-b", "127.0.0.1:0", "--chdir", elsewhere.toString(), jspWar.toString())) {
            w.awaitReady(1, BOOT);
            Path second = Path.of(w.await(WROTE, BOOT).group(1));
            assertNotEquals(first, second, "a descriptor of its own for this working directory");
            assertFalse(w.output().contains("did not start the WAR"), w.output());
            assertEquals(200, Http.get(w.port(), "/index.jsp").status());
        }
        assertTrue(Files.exists(first) && !Files.exists(first.resolveSibling(first.getFileName() + ".unusable")),
                "the first master's descriptor is still there for it");
    }

    @Test
    void a_replaced_war_gets_a_new_descriptor_at_the_reload(@TempDir Path dir) throws Exception {
        Path war = Files.copy(Warcorn.HELLO, dir.resolve("app.war"));
        try (Warcorn w = Warcorn.startWith(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), "-b", "127.0.0.1:0", war.toString())) {
            w.awaitReady(1, BOOT);
            Path before = Path.of(w.await(WROTE, BOOT).group(1));
            Path next = Files.copy(Warcorn.HELLO, dir.resolve("app.war.new"));
            Files.setLastModifiedTime(next, FileTime.from(Instant.now().plusSeconds(5)));
            Files.move(next, war, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE); // a deploy
            w.signal("HUP");
            w.awaitReady(2, BOOT);
            Warcorn.poll(BOOT, "a second descriptor", () -> count(w, "Quickstart: wrote") == 2);
            List<Path> written = w.output().lines().filter(l -> l.contains("Quickstart: wrote"))
                    .map(l -> Path.of(l.replaceAll(".*Quickstart: wrote (\\S+) in.*", "$1"))).toList();
            assertNotEquals(before, written.getLast(), "a changed WAR is a new descriptor, not the old one reused");
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
        }
    }

    @Test
    void quickstart_false_and_a_war_directory_start_without_a_descriptor(@TempDir Path dir) throws Exception {
        try (Warcorn w = Warcorn.startWith(Map.of("XDG_CACHE_HOME", dir.toString()), "-b", "127.0.0.1:0", "--quickstart=false",
                Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            assertFalse(w.output().contains("Quickstart"), w.output());
        }
        Path exploded = AnyWarIT.unzip(Warcorn.HELLO, Files.createDirectories(dir.resolve("exploded")));
        try (Warcorn w = Warcorn.startWith(Map.of("XDG_CACHE_HOME", dir.toString()), "-b", "127.0.0.1:0", exploded.toString())) {
            w.awaitReady(1, BOOT);
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
            assertFalse(w.output().contains("Quickstart"), "a directory may be edited in place; it is scanned every time: " + w.output());
        }
    }

    private static int count(Warcorn w, String text) {
        return (int) w.output().lines().filter(l -> l.contains(text)).count();
    }

    private static void stop(Warcorn w) throws Exception {
        w.signal("TERM");
        assertTrue(w.waitForExit(Duration.ofSeconds(60)), w.tail(20));
    }
}
