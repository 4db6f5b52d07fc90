package dev.warcorn.launcher.cli;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.cli.CommandLine.Outcome;
import dev.warcorn.launcher.config.Bind;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Setting;
import dev.warcorn.launcher.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {
    /** An empty working directory and no WARCORN_CMD_ARGS, so only the arguments count. */
    @TempDir
    Path workingDir;

    private Config run(String... args) {
        Outcome outcome = CommandLine.parse(Map.of(), workingDir, args);
        return assertInstanceOf(Outcome.Run.class, outcome, outcome::toString).config();
    }

    private Outcome.Exit exit(String... args) {
        Outcome outcome = CommandLine.parse(Map.of(), workingDir, args);
        return assertInstanceOf(Outcome.Exit.class, outcome, outcome::toString);
    }

    @Test
    void only_a_war_gives_the_documented_defaults() {
        Config c = run("app.war");
        assertEquals(Path.of("app.war"), c.war());
        assertEquals(List.of(new Bind.Tcp("127.0.0.1", 8000)), c.all(Settings.BIND));
        assertEquals(1, c.workers());
        assertEquals("sync", c.get(Settings.WORKER_CLASS));
        assertEquals(50, c.get(Settings.THREADS));
        assertEquals(1000, c.get(Settings.WORKER_CONNECTIONS));
        assertEquals(2048, c.get(Settings.BACKLOG));
        assertEquals(Duration.ofSeconds(30), c.timeout());
        assertEquals(Duration.ofSeconds(60), c.bootTimeout());
        assertEquals(Duration.ofSeconds(30), c.gracefulTimeout());
        assertEquals(Duration.ofSeconds(2), c.get(Settings.KEEP_ALIVE));
        assertEquals("/", c.get(Settings.CONTEXT_PATH));
        assertEquals(0L, c.get(Settings.HEAP)); // auto
        assertEquals(Optional.empty(), c.optional(Settings.PID));
        assertEquals(Optional.empty(), c.optional(Settings.EE));
        assertEquals(List.of(), c.all(Settings.JVM_OPT));
    }

    @Test
    void values_nobody_gave_are_marked_as_defaults_and_given_ones_as_command_line() {
        Config c = run("-w", "3", "app.war");
        assertEquals(Config.Source.COMMAND_LINE, c.source(Settings.WORKERS));
        assertEquals(Config.Source.DEFAULT, c.source(Settings.BACKLOG));
    }

    @Test
    void short_flags_set_bind_workers_worker_class_timeout_and_pid() {
        Config c = run("-b", "0.0.0.0:9000", "-w", "4", "-k", "virtual", "-t", "10", "-p", "/run/warcorn.pid", "app.war");
        assertEquals(List.of(new Bind.Tcp("0.0.0.0", 9000)), c.all(Settings.BIND));
        assertEquals(4, c.workers());
        assertEquals("virtual", c.get(Settings.WORKER_CLASS));
        assertEquals(Duration.ofSeconds(10), c.timeout());
        assertEquals(Optional.of(Path.of("/run/warcorn.pid")), c.optional(Settings.PID));
    }

    @Test
    void long_flags_take_their_value_after_an_equals_sign() {
        Config c = run("--workers=5", "--backlog=64", "--context-path=/shop", "--ee=EE10", "app.war");
        assertEquals(5, c.workers());
        assertEquals(64, c.get(Settings.BACKLOG));
        assertEquals("/shop", c.get(Settings.CONTEXT_PATH));
        assertEquals(Optional.of("ee10"), c.optional(Settings.EE));
    }

    @Test
    void repeated_bind_keeps_every_address_in_order_and_drops_the_default() {
        Config c = run("--bind", "127.0.0.1:0", "-b", "[::1]:8443", "--bind", ":81", "app.war");
        assertEquals(List.of(new Bind.Tcp("127.0.0.1", 0), new Bind.Tcp("::1", 8443), new Bind.Tcp("0.0.0.0", 81)), c.all(Settings.BIND));
        assertEquals("[::1]:8443", c.all(Settings.BIND).get(1).toString());
    }

    @Test
    void repeated_jvm_opt_keeps_every_option_in_order_even_those_that_look_like_flags() {
        Config c = run("--jvm-opt", "-Dapp.mode=test", "--jvm-opt=-XX:+UseZGC", "--jvm-opt", "-Xss1m", "app.war");
        assertEquals(List.of("-Dapp.mode=test", "-XX:+UseZGC", "-Xss1m"), c.all(Settings.JVM_OPT));
    }

    @Test
    void durations_take_units_and_bare_numbers_are_seconds() {
        Config c = run("-t", "1500ms", "--boot-timeout", "2m", "--graceful-timeout", "1h", "--keep-alive", "5", "app.war");
        assertEquals(Duration.ofMillis(1500), c.timeout());
        assertEquals(Duration.ofMinutes(2), c.bootTimeout());
        assertEquals(Duration.ofHours(1), c.gracefulTimeout());
        assertEquals(Duration.ofSeconds(5), c.get(Settings.KEEP_ALIVE));
    }

    @Test
    void zero_timeout_turns_the_heartbeat_check_off_rather_than_being_rejected() {
        assertEquals(Duration.ZERO, run("-t", "0", "app.war").timeout());
    }

    @Test
    void heap_takes_the_suffixes_xmx_takes() {
        assertEquals(2L << 30, run("--heap", "2g", "app.war").get(Settings.HEAP));
        assertEquals(64L << 20, run("--heap", "64M", "app.war").get(Settings.HEAP));
        assertEquals(32768L << 10, run("--heap", "32768k", "app.war").get(Settings.HEAP));
    }

    @Test
    void a_fully_qualified_class_name_is_accepted_as_worker_class() {
        assertEquals("com.example.warcorn.ReactorWorker", run("-k", "com.example.warcorn.ReactorWorker", "app.war")
                .get(Settings.WORKER_CLASS));
    }

    @Test
    void the_war_may_come_before_the_options() {
        assertEquals(2, run("app.war", "-w", "2").workers());
    }

    @Test
    void help_exits_ok_and_names_every_setting_with_its_default() {
        Outcome.Exit e = exit("--help");
        assertEquals(ExitCode.OK, e.code());
        String text = e.text().replaceAll("\\s+", " "); // Help wraps long descriptions
        String unwrapped = e.text().replaceAll("\\s+", ""); // even inside a value: between the % and ( of an atom in --access-logformat
        for (Setting<?> s : Settings.ALL) {
            assertTrue(text.contains("--" + s.name()), "--help lacks --" + s.name());
            if (s.defaultText() != null)
                assertTrue(unwrapped.contains(("(default: " + s.defaultText() + ")").replaceAll("\\s+", "")), "--help lacks the default of " + s.name());
        }
        assertTrue(text.contains("--backlog INT Length of the shared accept queue. (default: 2048)"), e.text());
        assertTrue(text.contains("-w, --workers INT"), e.text());
        assertTrue(text.contains("WAR"), e.text());
    }

    @Test
    void help_is_grouped_as_gunicorns_settings_documentation_with_a_short_synopsis() {
        String text = exit("--help").text();
        assertTrue(text.startsWith("Usage: warcorn [OPTION]... [WAR]\n"), text);
        int at = -1;
        for (String heading : List.of("Server socket:", "Worker processes:", "Security:", "Logging:", "Process naming:",
                "Server mechanics:", "Server hooks:", "JVM:", "Other options:")) {
            int i = text.indexOf("\n" + heading + "\n");
            assertTrue(i > at, heading + " missing or out of order:\n" + text);
            at = i;
        }
        assertTrue(text.indexOf("--max-worker-lifetime") > text.indexOf("Worker processes:")
                && text.indexOf("--max-worker-lifetime") < text.indexOf("Security:"), "each setting under its group");
        assertTrue(text.lines().allMatch(l -> l.length() <= Help.WIDTH), "no line wider than " + Help.WIDTH);
    }

    @Test
    void help_lists_the_exit_codes() {
        String text = exit("-h").text();
        for (ExitCode c : ExitCode.values()) assertTrue(text.contains(c.code() + " " + c.name()), text);
    }

    @Test
    void help_needs_no_war() {
        assertEquals(ExitCode.OK, exit("-w", "2", "--help").code());
    }

    @Test
    void version_exits_ok_with_the_program_name_and_version() {
        Outcome.Exit e = exit("--version");
        assertEquals(ExitCode.OK, e.code());
        assertEquals("warcorn " + CommandLine.version(), e.text());
        assertEquals(ExitCode.OK, exit("-V").code());
    }
}
