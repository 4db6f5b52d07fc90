package dev.warcorn.launcher.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {
    @TempDir
    Path outside;

    private RunDirectory run;

    @AfterEach
    void cleanUp() throws IOException {
        if (run != null) run.delete();
    }

    @Test
    void create_makes_a_fresh_directory_only_its_owner_can_enter() throws IOException {
        run = RunDirectory.create();
        assertTrue(Files.isDirectory(run.path()));
        assertTrue(run.path().getFileName().toString().startsWith("warcorn-"), run.path().toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run.path())));
    }

    @Test
    void two_masters_get_two_directories() throws IOException {
        run = RunDirectory.create();
        RunDirectory other = RunDirectory.create();
        try {
            assertFalse(run.path().equals(other.path()));
        } finally {
            other.delete();
        }
    }

    @Test
    void delete_removes_what_workers_left_in_it() throws IOException {
        run = RunDirectory.create();
        Path jsp = Files.createDirectories(run.path().resolve("worker-0-0/jsp/org/apache/jsp"));
        Files.writeString(jsp.resolve("index_jsp.class"), "x");
        Files.writeString(run.path().resolve("worker-1-3.log"), "y");
        Files.createDirectories(run.path().resolve("worker-2-0/empty"));
        run.delete();
        assertFalse(Files.exists(run.path()));
    }

    @Test
    void delete_removes_a_link_out_of_the_directory_but_not_what_it_points_to() throws IOException {
        run = RunDirectory.create();
        Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
        Files.createSymbolicLink(run.path().resolve("link-to-file"), precious);
        Files.createSymbolicLink(run.path().resolve("link-to-dir"), outside);
        run.delete();
        assertFalse(Files.exists(run.path()));
        assertEquals("keep me", Files.readString(precious));
    }

    @Test
    void delete_of_a_directory_that_is_already_gone_is_not_an_error() throws IOException {
        run = RunDirectory.create();
        Files.delete(run.path());
        run.delete();
        assertFalse(Files.exists(run.path()));
    }
}
