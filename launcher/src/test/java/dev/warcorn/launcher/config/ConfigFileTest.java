package dev.warcorn.launcher.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A config file is checked whole: every bad line is named, not only the first. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("warcorn.conf"), text);
    }

    @Test
    void every_problem_of_a_file_is_named_with_its_line_in_file_order() throws Exception {
        Path f = file("""
                # a shop's settings
                workers = zero
                bogus_key = 1
                timeout = abc

                this line has no equals sign
                wokers = 2
                backlog = 0
                threads = 4
                """);
        ConfigFile.Contents c = ConfigFile.read(f);
        assertEquals(List.of(
                f + " line 2: workers=zero: not a whole number",
                f + " line 3: unknown key bogus_key",
                f + " line 4: timeout=abc: not a duration; give seconds (30) or a number with ms, s, m or h",
                f + " line 6: expected key = value, got: this line has no equals sign",
                f + " line 7: unknown key wokers; did you mean workers?",
                f + " line 8: backlog=0: must be at least 1"), c.problems());
        // the good line is kept, the bad values are not, so nothing is reported twice
        assertEquals(List.of("4"), c.layer().raw().get(Settings.THREADS));
        assertEquals(null, c.layer().raw().get(Settings.WORKERS));
    }

    @Test
    void each_value_of_a_repeated_key_is_checked() throws Exception {
        Path f = file("bind = 127.0.0.1:8000\nbind = nocolon\nbind = 127.0.0.1:70000\n");
        assertEquals(List.of(
                f + " line 2: bind=nocolon: expected HOST:PORT, e.g. 127.0.0.1:8000 or [::1]:8000",
                f + " line 3: bind=127.0.0.1:70000: port must be 0 to 65535 (0 picks a free port)"), ConfigFile.read(f).problems());
    }

    @Test
    void a_file_without_problems_has_none_and_keeps_its_war() throws Exception {
        Path f = file("war = shop.war\nworkers = 3\n");
        ConfigFile.Contents c = ConfigFile.read(f);
        assertEquals(List.of(), c.problems());
        assertEquals(Optional.of(dir.toAbsolutePath().resolve("shop.war")), c.war());
        assertEquals(List.of("3"), c.layer().raw().get(Settings.WORKERS));
    }

    @Test
    void a_file_that_cannot_be_read_is_one_problem_naming_the_path() {
        Path missing = dir.resolve("nope.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(missing));
        assertEquals("config=" + missing + ": cannot be read (" + missing + "); check the path given to -c", e.getMessage());
    }
}
