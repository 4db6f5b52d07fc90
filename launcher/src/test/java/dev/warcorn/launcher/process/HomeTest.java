package dev.warcorn.launcher.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HomeTest {
    @TempDir
    Path root;

    private Path jar(String dir, String name) throws IOException {
        Path lib = Files.createDirectories(root.resolve("lib").resolve(dir));
        return Files.createFile(lib.resolve(name));
    }

    @Test
    void artifact_is_the_jar_name_up_to_its_version() {
        assertEquals("jetty-server", Home.artifact("jetty-server-12.1.7.jar"));
        assertEquals("jakarta.servlet-api", Home.artifact("jakarta.servlet-api-6.0.0.jar"));
        assertEquals("warcorn-worker", Home.artifact("warcorn-worker-0.1.0-SNAPSHOT.jar"));
        assertEquals("asm", Home.artifact("asm-9.9.1.jar"));
    }

    @Test
    void artifact_keeps_digits_that_are_part_of_the_name() {
        assertEquals("jetty-ee10-servlet", Home.artifact("jetty-ee10-servlet-12.1.7.jar"));
        assertEquals("slf4j-api", Home.artifact("slf4j-api-2.0.17.jar"));
        assertEquals("commons-lang3", Home.artifact("commons-lang3-3.17.0.jar"));
    }

    @Test
    void artifact_of_an_unversioned_jar_is_its_whole_name() {
        assertEquals("warcorn-launcher", Home.artifact("warcorn-launcher.jar"));
    }

    @Test
    void worker_class_path_puts_lib_worker_before_the_environment() throws IOException {
        Path server = jar("worker", "jetty-server-12.1.7.jar");
        Path worker = jar("worker", "warcorn-worker-0.1.0-SNAPSHOT.jar");
        Path servletApi = jar("ee10", "jakarta.servlet-api-6.0.0.jar");
        Path webapp = jar("ee10", "jetty-ee10-webapp-12.1.7.jar");
        assertEquals(List.of(server, worker, servletApi, webapp), new Home(root).workerClassPath("ee10"));
    }

    @Test
    void a_library_already_in_lib_worker_is_left_out_of_the_environment_even_at_another_version() throws IOException {
        Path workerServer = jar("worker", "jetty-server-12.1.7.jar");
        Path workerSlf4j = jar("worker", "slf4j-api-2.0.17.jar");
        jar("ee10", "jetty-server-12.1.6.jar");
        jar("ee10", "slf4j-api-2.0.17.jar");
        Path servletApi = jar("ee10", "jakarta.servlet-api-6.0.0.jar");
        assertEquals(List.of(workerServer, workerSlf4j, servletApi), new Home(root).workerClassPath("ee10"));
    }

    @Test
    void files_that_are_not_jars_are_not_on_the_class_path() throws IOException {
        Path server = jar("worker", "jetty-server-12.1.7.jar");
        jar("worker", "README.txt");
        jar("ee11", "jetty-ee11-webapp-12.1.7.jar.sha1");
        assertEquals(List.of(server), new Home(root).workerClassPath("ee11"));
    }

    @Test
    void each_environment_gets_only_its_own_directory() throws IOException {
        Path server = jar("worker", "jetty-server-12.1.7.jar");
        Path ee8 = jar("ee8", "jetty-ee8-webapp-12.1.7.jar");
        jar("ee10", "jetty-ee10-webapp-12.1.7.jar");
        assertEquals(List.of(server, ee8), new Home(root).workerClassPath("ee8"));
    }

    @Test
    void an_environment_that_is_not_installed_is_named_with_the_missing_directory() throws IOException {
        jar("worker", "jetty-server-12.1.7.jar");
        jar("ee10", "jetty-ee10-webapp-12.1.7.jar");
        IOException e = assertThrows(IOException.class, () -> new Home(root).workerClassPath("ee9"));
        assertEquals("servlet environment ee9 is not installed: " + root.resolve("lib/ee9") + " is missing", e.getMessage());
    }
}
