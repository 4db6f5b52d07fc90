package dev.warcorn.launcher.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void write_puts_the_pid_and_a_newline_in_the_file() throws IOException {
        PidFile pid = PidFile.write(dir.resolve("warcorn.pid"), 4711);
        assertEquals("4711\n", Files.readString(dir.resolve("warcorn.pid")));
        assertEquals(dir.resolve("warcorn.pid").toAbsolutePath(), pid.path());
    }

    @Test
    void write_leaves_no_temporary_file_behind() throws IOException {
        PidFile.write(dir.resolve("warcorn.pid"), 4711);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("warcorn.pid")), files.toList());
        }
    }

    @Test
    void write_replaces_a_stale_pid_file() throws IOException {
        Files.writeString(dir.resolve("warcorn.pid"), "999999\n");
        PidFile.write(dir.resolve("warcorn.pid"), 4711);
        assertEquals("4711\n", Files.readString(dir.resolve("warcorn.pid")));
    }

    @Test
    void remove_deletes_the_file() throws IOException {
        PidFile pid = PidFile.write(dir.resolve("warcorn.pid"), 4711);
        pid.remove();
        assertFalse(Files.exists(dir.resolve("warcorn.pid")));
    }

    @Test
    void remove_of_a_file_someone_else_already_deleted_is_not_an_error() throws IOException {
        PidFile pid = PidFile.write(dir.resolve("warcorn.pid"), 4711);
        Files.delete(pid.path());
        pid.remove();
        assertFalse(Files.exists(pid.path()));
    }
}
