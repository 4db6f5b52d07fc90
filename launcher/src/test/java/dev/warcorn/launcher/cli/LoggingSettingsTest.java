package dev.warcorn.launcher.cli;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.WorkerSpec;
import dev.warcorn.launcher.cli.CommandLine.Outcome;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import dev.warcorn.launcher.process.WorkerCommand;
import dev.warcorn.logging.AccessLogFormat;
import dev.warcorn.logging.LogLevel;
import dev.warcorn.logging.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --access-logfile, --access-logformat, --error-logfile, --log-level, --log-config and --log-json, as Gunicorn spells them. */
class LoggingSettingsTest {
    @TempDir
    Path workingDir;

    private Config run(String... args) {
        Outcome outcome = CommandLine.parse(Map.of(), workingDir, args);
        return assertInstanceOf(Outcome.Run.class, outcome, outcome::toString).config();
    }

    private void rejects(String expectedText, String... args) {
        Outcome outcome = CommandLine.parse(Map.of(), workingDir, args);
        Outcome.Exit e = assertInstanceOf(Outcome.Exit.class, outcome, outcome::toString);
        assertEquals(ExitCode.USAGE, e.code(), e.text());
        assertEquals(expectedText, e.text());
    }

    @Test
    void by_default_there_is_no_access_log_and_the_error_log_is_stderr_at_info() {
        Config c = run("app.war");
        assertEquals(Optional.empty(), c.optional(Settings.ACCESS_LOGFILE));
        assertEquals("%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"", c.get(Settings.ACCESS_LOGFORMAT));
        assertEquals(LogOptions.DEFAULT, c.logging());
    }

    @Test
    void log_files_are_made_absolute_and_a_dash_means_the_standard_stream() {
        Config c = run("--access-logfile", "-", "--error-logfile", workingDir.resolve("error.log").toString(), "app.war");
        assertEquals(Optional.of("-"), c.optional(Settings.ACCESS_LOGFILE));
        assertEquals(workingDir.resolve("error.log").toString(), c.logging().errorLogfile());
        Config relative = run("--access-logfile", "access.log", "app.war");
        assertEquals(Path.of("access.log").toAbsolutePath().toString(), relative.get(Settings.ACCESS_LOGFILE));
    }

    @Test
    void log_level_takes_gunicorns_names_in_any_case() {
        assertEquals(LogLevel.WARNING, run("--log-level", "warning", "app.war").logging().level());
        assertEquals(LogLevel.CRITICAL, run("--log-level=CRITICAL", "app.war").logging().level());
    }

    @Test
    void log_json_alone_is_true_and_does_not_swallow_the_war() {
        Config c = run("--log-json", "app.war");
        assertTrue(c.logging().json());
        assertEquals(Path.of("app.war"), c.war());
        assertFalse(run("--log-json=false", "app.war").logging().json());
        assertTrue(run("app.war", "--log-json").logging().json());
    }

    @Test
    void log_config_must_exist() {
        rejects("warcorn: --log-config=nope.xml: no such file or directory", "--log-config", "nope.xml", "app.war");
    }

    @Test
    void an_unknown_log_level_is_refused_with_the_names() {
        rejects("warcorn: --log-level=verbose: unknown; expected debug, info, warning, error or critical", "--log-level", "verbose", "app.war");
    }

    @Test
    void an_access_log_format_python_cannot_apply_is_refused_at_start() {
        rejects("warcorn: --access-logformat=%(h)s %(s: '%(' at column 7 is never closed; atoms are written %(h)s",
                "--access-logformat", "%(h)s %(s", "app.war");
    }

    @Test
    void a_log_file_in_a_missing_directory_is_refused() {
        Path missing = workingDir.resolve("no/such");
        rejects("warcorn: --error-logfile=" + missing.resolve("error.log") + ": directory " + missing + " does not exist; create it first",
                "--error-logfile", missing.resolve("error.log").toString(), "app.war");
    }

    @Test
    void a_log_file_that_is_a_directory_is_refused() {
        rejects("warcorn: --access-logfile=" + workingDir + ": is a directory; give a file, or - for the standard stream",
                "--access-logfile", workingDir.toString(), "app.war");
    }

    @Test
    void paths_in_a_config_file_are_relative_to_the_file_but_a_dash_stays_a_dash() throws IOException {
        Path dir = Files.createDirectories(workingDir.resolve("etc"));
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        Path conf = Files.writeString(dir.resolve("warcorn.conf"), """
                war = app.war
                access-logfile = access.log
                error-logfile = -
                log-config = logback.xml
                log-json = true
                access-logformat = %(h)s "%(r)s" %(s)s
                """);
        Config c = run("-c", conf.toString());
        assertEquals(dir.resolve("access.log").toString(), c.get(Settings.ACCESS_LOGFILE));
        assertEquals(new LogOptions("-", LogLevel.INFO, Optional.of(dir.resolve("logback.xml")), true), c.logging());
        assertEquals("%(h)s \"%(r)s\" %(s)s", c.get(Settings.ACCESS_LOGFORMAT));
    }

    @Test
    void help_shows_the_atoms_with_their_percent_signs() {
        Outcome.Exit help = assertInstanceOf(Outcome.Exit.class, CommandLine.parse(Map.of(), workingDir, "--help"));
        assertTrue(help.text().contains("Gunicorn's atoms: %(h)s"), help.text());
        assertFalse(help.text().contains("%%"), help.text());
    }

    @Test
    void workers_get_the_logging_options_and_the_access_log_through_their_spec() {
        Config c = run("--log-level", "error", "--log-json", "--access-logfile", "-", "--access-logformat", "%(p)s %(s)s", "app.war");
        WorkerSpec spec = new WorkerCommand(Path.of("/bin/java"), List.of(), c, "ee10", workingDir).spec(0, 0, 0);
        assertEquals(new LogOptions("-", LogLevel.ERROR, Optional.empty(), true), spec.logging());
        assertEquals(Optional.of("-"), spec.accessLogfile());
        assertEquals("%(p)s %(s)s", spec.accessLogformat());
        assertEquals(AccessLogFormat.DEFAULT, new WorkerCommand(Path.of("/bin/java"), List.of(), run("app.war"), "ee10", workingDir)
                .spec(0, 0, 0).accessLogformat());
    }
}
