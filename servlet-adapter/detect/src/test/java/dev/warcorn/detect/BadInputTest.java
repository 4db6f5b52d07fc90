package dev.warcorn.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
    @TempDir
    Path tmp;

    @Test
    void non_zip_file_is_not_a_war() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "just text, no zip here");
        var e = assertThrows(NotAWarException.class, () -> EeDetector.detect(notes));
        assertTrue(e.getMessage().startsWith(notes + ": not a zip file ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); expected a WAR (zip) file or an exploded WAR directory"), e.getMessage());
        assertEquals(notes, e.path());
    }

    @Test
    void empty_file_is_not_a_war() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.war"));
        assertThrows(NotAWarException.class, () -> EeDetector.detect(empty));
    }

    @Test
    void missing_path_is_not_a_war() {
        Path missing = tmp.resolve("missing.war");
        var e = assertThrows(NotAWarException.class, () -> EeDetector.resolve(missing, ServletEnvironment.EE10));
        assertEquals(missing + ": no such file or directory; expected a WAR (zip) file or an exploded WAR directory",
                e.getMessage());
    }
}
