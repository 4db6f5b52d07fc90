package dev.warcorn.logging;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** logback set up from the options, in this JVM (whose process label is the master's). */
class LoggingTest {
    private static final Logger log = LoggerFactory.getLogger("dev.warcorn.test");
    private static final String MASTER = "master " + ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    @AfterEach
    void backToStderr() throws IOException {
        Logging.configure(LogOptions.DEFAULT);
    }

    private static LogOptions toFile(Path file, LogLevel level, boolean json) {
        return new LogOptions(file.toString(), level, Optional.empty(), json);
    }

    @Test
    void the_error_logfile_gets_warcorns_pattern_with_the_process() throws IOException {
        Path file = tmp.resolve("error.log");
        Logging.configure(toFile(file, LogLevel.INFO, false));
        log.info("hello {}", "there");
        String line = Files.readAllLines(file).getFirst();
        assertTrue(line.matches("\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} [+-]\\d{4}] \\[" + MASTER + "] \\[INFO] hello there"), line);
    }

    @Test
    void log_level_warning_hides_info_and_keeps_warnings_and_errors() throws IOException {
        Path file = tmp.resolve("error.log");
        Logging.configure(toFile(file, LogLevel.WARNING, false));
        log.info("hidden");
        log.warn("shown warning");
        log.error("shown error");
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("[WARN] shown warning") && lines.get(1).endsWith("[ERROR] shown error"), lines.toString());
    }

    @Test
    void debug_shows_warcorns_debug_lines_but_not_jettys() throws IOException {
        Path file = tmp.resolve("error.log");
        Logging.configure(toFile(file, LogLevel.DEBUG, false));
        log.debug("ours");
        LoggerFactory.getLogger("org.eclipse.jetty.server.Server").debug("jetty chatter");
        LoggerFactory.getLogger("org.eclipse.jetty.server.Server").warn("jetty warning");
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("[DEBUG] ours") && lines.get(1).endsWith("[WARN] jetty warning"), lines.toString());
    }

    @Test
    void gunicorn_level_names_map_to_logbacks_and_critical_is_error() {
        assertEquals(Level.DEBUG, LogLevel.parse("debug").logback());
        assertEquals(Level.INFO, LogLevel.parse("INFO").logback());
        assertEquals(Level.WARN, LogLevel.parse("Warning").logback());
        assertEquals(Level.ERROR, LogLevel.parse("error").logback());
        assertEquals(Level.ERROR, LogLevel.parse("critical").logback());
        assertEquals("warning", LogLevel.WARNING.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("warn"));
        assertEquals("unknown; expected debug, info, warning, error or critical", e.getMessage());
    }

    @Test
    void json_gives_one_object_per_line_with_the_level_message_and_process() throws IOException {
        Path file = tmp.resolve("error.json");
        Logging.configure(toFile(file, LogLevel.INFO, true));
        log.warn("quote \" and {}", "argument");
        log.error("with a stack trace", new IllegalStateException("broken\nline"));
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), "a line break inside a message must stay escaped: " + lines);
        for (String line : lines) assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        assertTrue(lines.get(0).contains("\"level\":\"WARN\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"formattedMessage\":\"quote \\\" and argument\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"properties\":{\"process\":\"" + MASTER + "\"}"), lines.get(0));
        assertTrue(lines.get(1).contains("\"className\":\"java.lang.IllegalStateException\""), lines.get(1));
    }

    @Test
    void reopen_after_the_file_was_moved_writes_to_a_new_file_at_the_same_path() throws IOException {
        Path file = tmp.resolve("error.log");
        Path rotated = tmp.resolve("error.log.1");
        Logging.configure(toFile(file, LogLevel.INFO, false));
        log.info("before");
        Files.move(file, rotated);
        Logging.reopen();
        log.info("after");
        List<String> old = Files.readAllLines(rotated);
        List<String> fresh = Files.readAllLines(file);
        assertEquals(1, old.size(), old.toString());
        assertTrue(old.getFirst().endsWith("before"), old.toString());
        assertTrue(fresh.getFirst().endsWith("Reopened log file " + file), fresh.toString());
        assertTrue(fresh.getLast().endsWith("after"), fresh.toString());
    }

    @Test
    void reopen_with_only_stderr_does_nothing() {
        Logging.reopen();
    }

    @Test
    void a_log_config_file_replaces_warcorns_setup_and_may_use_process_without_declaring_it() throws IOException {
        Path file = tmp.resolve("mine.log");
        Path xml = Files.writeString(tmp.resolve("logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%process|${process}|%%level|%%msg%%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(file));
        Logging.configure(new LogOptions("-", LogLevel.ERROR, Optional.of(xml), false));
        log.debug("mine");
        assertEquals(List.of(MASTER + "|" + MASTER + "|DEBUG|mine"), Files.readAllLines(file));
    }

    @Test
    void a_broken_log_config_file_is_refused_naming_the_option() throws IOException {
        Path xml = Files.writeString(tmp.resolve("logback.xml"), "<configuration><appender name=\"X\" class=\"no.such.Appender\"/>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Logging.configure(new LogOptions("-", LogLevel.INFO, Optional.of(xml), false)));
        assertTrue(e.getMessage().startsWith("--log-config=" + xml + ": "), e.getMessage());
    }

    @Test
    void an_error_logfile_that_cannot_be_opened_is_refused_naming_the_option() {
        IOException e = assertThrows(IOException.class, () -> Logging.configure(toFile(tmp, LogLevel.INFO, false)));
        assertTrue(e.getMessage().startsWith("--error-logfile=" + tmp + ": cannot open for appending"), e.getMessage());
    }
}
