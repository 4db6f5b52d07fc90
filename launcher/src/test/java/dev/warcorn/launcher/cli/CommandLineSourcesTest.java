package dev.warcorn.launcher.cli;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.cli.CommandLine.Mode;
import dev.warcorn.launcher.cli.CommandLine.Outcome;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Where settings come from besides the arguments: WARCORN_CMD_ARGS and a config file. */
class CommandLineSourcesTest {
    @TempDir
    Path workingDir;

    private Outcome.Run run(Map<String, String> env, String... args) {
        Outcome outcome = CommandLine.parse(env, workingDir, args);
        return assertInstanceOf(Outcome.Run.class, outcome, outcome::toString);
    }

    @Test
    void the_command_line_beats_warcorn_cmd_args_which_beats_the_default() {
        Config c = run(Map.of(CommandLine.ENV_ARGS, "-w 3 --backlog 64"), "-w", "2", "app.war").config();
        assertEquals(2, c.workers());
        assertEquals(Config.Source.COMMAND_LINE, c.source(Settings.WORKERS));
        assertEquals(64, c.get(Settings.BACKLOG));
        assertEquals(Config.Source.ENVIRONMENT, c.source(Settings.BACKLOG));
        assertEquals(Config.Source.DEFAULT, c.source(Settings.THREADS));
    }

    @Test
    void warcorn_cmd_args_may_name_the_war() {
        assertEquals(Path.of("/srv/app.war"), run(Map.of(CommandLine.ENV_ARGS, "/srv/app.war")).config().war());
    }

    @Test
    void a_bad_value_in_warcorn_cmd_args_is_named_like_a_flag() {
        Outcome outcome = CommandLine.parse(Map.of(CommandLine.ENV_ARGS, "-w 0"), workingDir, "app.war");
        Outcome.Exit e = assertInstanceOf(Outcome.Exit.class, outcome, outcome::toString);
        assertEquals(ExitCode.USAGE, e.code());
        assertEquals("warcorn: workers=0: must be at least 1", e.text());
    }

    @Test
    void warcorn_conf_in_the_working_directory_is_read_when_no_file_is_named() throws IOException {
        Files.writeString(workingDir.resolve(CommandLine.DEFAULT_CONFIG_FILE), "# tuned for the shop\nworkers = 6\n");
        Config c = run(Map.of(), "app.war").config();
        assertEquals(6, c.workers());
        assertEquals(Config.Source.CONFIG_FILE, c.source(Settings.WORKERS));
    }

    @Test
    void warcorn_cmd_args_beats_the_config_file_and_the_file_may_name_the_war() throws IOException {
        Path conf = Files.writeString(workingDir.resolve("shop.conf"), "war = shop.war\nworkers = 6\nbacklog = 99\n");
        Config c = run(Map.of(CommandLine.ENV_ARGS, "-w 4"), "-c", conf.toString()).config();
        assertEquals(4, c.workers());
        assertEquals(99, c.get(Settings.BACKLOG));
        assertEquals(workingDir.resolve("shop.war").toAbsolutePath(), c.war());
    }

    @Test
    void check_and_print_config_choose_the_mode() {
        assertEquals(Mode.SERVE, run(Map.of(), "app.war").mode());
        assertEquals(Mode.CHECK, run(Map.of(), "--check-config", "app.war").mode());
        assertEquals(Mode.PRINT, run(Map.of(), "--print-config", "app.war").mode());
    }

    @Test
    void warcorn_cmd_args_is_split_like_a_shell_splits_words() {
        assertArrayEquals(new String[] {"--jvm-opt", "-Dgreeting=hello world", "-e", "A=it's", "x y"},
                CommandLine.split("  --jvm-opt '-Dgreeting=hello world'  -e \"A=it's\" x\\ y "));
        assertArrayEquals(new String[0], CommandLine.split("   "));
        assertEquals(List.of("a\"b"), List.of(CommandLine.split("\"a\\\"b\"")));
    }
}
