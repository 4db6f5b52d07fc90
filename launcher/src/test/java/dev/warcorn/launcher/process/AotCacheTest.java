package dev.warcorn.launcher.process;

import dev.warcorn.launcher.cli.CommandLine;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class AotCacheTest {
    @TempDir
    Path tmp;

    private Config config(String... args) {
        return switch (CommandLine.parse(Map.of(), tmp, args)) {
            case CommandLine.Outcome.Run run -> run.config();
            case CommandLine.Outcome.Exit exit -> fail(exit.text());
        };
    }

    private WorkerCommand command(Path jar, String... args) {
        return new WorkerCommand(Path.of("/opt/jdk/bin/java"), List.of(jar), config(args), "ee10", tmp.resolve("run"));
    }

    @Test
    void the_cache_is_on_by_default_in_the_users_cache_directory_and_off_turns_it_off() {
        assertEquals("auto", config("app.war").get(Settings.AOT_CACHE));
        assertEquals(Optional.of(Path.of("/x/cache/warcorn")), AotCache.directory("auto", Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/home/u"), false));
        assertEquals(Optional.of(Path.of("/x/cache/warcorn")), AotCache.directory("auto", Map.of("XDG_CACHE_HOME", "/x/cache"), true), "an explicit XDG_CACHE_HOME wins for root too");
        assertEquals(Optional.of(Path.of("/home/u/.cache/warcorn")), AotCache.directory("auto", Map.of("XDG_CACHE_HOME", "rel", "HOME", "/home/u"), false),
                "a relative XDG_CACHE_HOME is ignored, as the XDG spec says");
        assertEquals(Optional.of(Path.of("/var/cache/warcorn")), AotCache.directory("auto", Map.of("HOME", "/root"), true));
        assertEquals(Optional.of(Path.of("/var/cache/warcorn")), AotCache.directory("auto", Map.of("CACHE_DIRECTORY", "/var/cache/warcorn:/var/cache/other",
                "XDG_CACHE_HOME", "/x/cache"), false), "systemd's CacheDirectory= first");
        assertEquals(Optional.empty(), AotCache.directory("off", Map.of(), false));
        assertEquals(Optional.of(tmp.resolve("c")), AotCache.directory(config("--aot-cache", tmp.resolve("c").toString(), "app.war").get(Settings.AOT_CACHE), Map.of(), false));
    }

    @Test
    void an_unusable_directory_turns_the_cache_off_instead_of_failing_the_start() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Path jar = Files.writeString(tmp.resolve("a.jar"), "jar");
        assertEquals(Optional.empty(), AotCache.open(file.resolve("sub").toString(), Map.of(), command(jar, "app.war")));
    }

    @Test
    void a_changed_class_path_jar_gives_a_new_key_so_a_new_cache_is_trained() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "jar");
        String before = AotCache.key(command(jar, "app.war"));
        assertEquals(before, AotCache.key(command(jar, "app.war")));
        Files.writeString(jar, "jar, rebuilt");
        assertNotEquals(before, AotCache.key(command(jar, "app.war")));
        assertNotEquals(before, AotCache.key(command(jar, "--heap", "256m", "app.war")), "flags are part of the key");
    }

    @Test
    void an_application_property_is_not_part_of_the_key_but_a_jvm_one_is() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "jar");
        String plain = AotCache.key(command(jar, "app.war"));
        assertEquals(plain, AotCache.key(command(jar, "--jvm-opt", "-Dupstream.url=http://127.0.0.1:41234/slow", "app.war")),
                "a -D the application reads trains no new cache");
        assertNotEquals(plain, AotCache.key(command(jar, "--jvm-opt", "-Djava.system.class.loader=x.Loader", "app.war")));
        assertNotEquals(plain, AotCache.key(command(jar, "--jvm-opt", "-XX:+UseZGC", "app.war")));
    }

    @Test
    void opening_deletes_caches_unused_for_a_month_and_old_training_leftovers_but_keeps_the_rest() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        Path old = Files.writeString(dir.resolve("worker-0123456789abcdef.aot"), "old");
        Path recent = Files.writeString(dir.resolve("worker-fedcba9876543210.aot"), "recent");
        Path leftover = Files.writeString(dir.resolve("worker-fedcba9876543210.aot.training-1-0"), "partial");
        Path other = Files.writeString(dir.resolve("notes.txt"), "not ours");
        Instant now = Instant.now();
        Files.setLastModifiedTime(old, FileTime.from(now.minus(AotCache.UNUSED).minus(Duration.ofDays(1))));
        Files.setLastModifiedTime(leftover, FileTime.from(now.minus(Duration.ofDays(2))));
        Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofDays(365))));
        Path jar = Files.writeString(tmp.resolve("a.jar"), "jar");
        assertTrue(AotCache.open(dir.toString(), Map.of(), command(jar, "app.war")).isPresent());
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(other));
    }

    @Test
    void opening_prunes_the_quickstart_descriptors_and_the_masters_cache_alike() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        Instant now = Instant.now();
        FileTime monthsAgo = FileTime.from(now.minus(AotCache.UNUSED).minus(Duration.ofDays(1)));
        FileTime daysAgo = FileTime.from(now.minus(Duration.ofDays(2)));
        Path oldDescriptor = Files.writeString(dir.resolve("quickstart-app.war-0123456789abcdef.xml"), "<web-app/>");
        Path descriptor = Files.writeString(dir.resolve("quickstart-app.war-fedcba9876543210.xml"), "<web-app/>");
        Path partialDescriptor = Files.writeString(dir.resolve("quickstart-app.war-fedcba9876543210.xml.partial-42"), "<web");
        Path oldMaster = Files.writeString(dir.resolve("master-123.aot"), "old");
        Path recording = Files.writeString(dir.resolve("master-456.aotconf.recording-42"), "half");
        Path master = Files.writeString(dir.resolve("master-456.aot"), "in use");
        for (Path p : List.of(oldDescriptor, oldMaster)) Files.setLastModifiedTime(p, monthsAgo);
        for (Path p : List.of(partialDescriptor, recording, descriptor, master)) Files.setLastModifiedTime(p, daysAgo);
        Path jar = Files.writeString(tmp.resolve("a.jar"), "jar");
        assertTrue(AotCache.open(dir.toString(), Map.of(), command(jar, "app.war")).isPresent());
        for (Path gone : List.of(oldDescriptor, partialDescriptor, oldMaster, recording)) assertFalse(Files.exists(gone), gone.toString());
        for (Path kept : List.of(descriptor, master)) assertTrue(Files.exists(kept), kept.toString());
    }
}
