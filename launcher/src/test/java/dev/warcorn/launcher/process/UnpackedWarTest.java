package dev.warcorn.launcher.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnpackedWarTest {
    @TempDir
    Path tmp;

    private Path war(String name, Map<String, String> entries) throws IOException {
        Path war = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes());
                zip.closeEntry();
            }
        }
        return war;
    }

    private Path runDir() throws IOException {
        return Files.createDirectories(tmp.resolve("run"));
    }

    @Test
    void a_war_file_is_unpacked_once_and_every_worker_gets_the_same_directory() throws IOException {
        Path war = war("app.war", Map.of("index.html", "hi", "WEB-INF/web.xml", "<web-app/>"));
        Path first = UnpackedWar.of(war, runDir());
        assertTrue(Files.isDirectory(first), first.toString());
        assertTrue(first.getFileName().toString().startsWith("app.war-"), "ps still names the WAR: " + first);
        assertEquals("hi", Files.readString(first.resolve("index.html")));
        assertEquals("<web-app/>", Files.readString(first.resolve("WEB-INF/web.xml")));
        Files.writeString(first.resolve("index.html"), "marker");
        assertEquals(first, UnpackedWar.of(war, runDir()));
        assertEquals("marker", Files.readString(first.resolve("index.html")), "not unpacked a second time");
    }

    @Test
    void a_replaced_war_gets_a_fresh_copy_beside_the_old_one() throws IOException {
        Path war = war("app.war", Map.of("index.html", "v1"));
        Files.setLastModifiedTime(war, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Path v1 = UnpackedWar.of(war, runDir());
        war("app.war", Map.of("index.html", "v2"));
        Files.setLastModifiedTime(war, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        Path v2 = UnpackedWar.of(war, runDir());
        assertNotEquals(v1, v2);
        assertEquals("v1", Files.readString(v1.resolve("index.html")));
        assertEquals("v2", Files.readString(v2.resolve("index.html")));
    }

    @Test
    void an_exploded_directory_is_used_in_place() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("exploded"));
        assertEquals(dir, UnpackedWar.of(dir, runDir()));
    }

    @Test
    void an_entry_escaping_the_directory_leaves_the_war_to_the_workers_and_writes_nothing_outside() throws IOException {
        Path war = war("evil.war", Map.of("../../escaped.txt", "x"));
        assertEquals(war, UnpackedWar.of(war, runDir()));
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
        assertFalse(Files.exists(tmp.getParent().resolve("escaped.txt")));
    }
}
