package dev.warcorn.launcher.config;

import dev.warcorn.launcher.config.Config.Layer;
import dev.warcorn.launcher.config.Config.Source;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {
    private static final Path WAR = Path.of("app.war");

    private static Layer layer(Source source, Map<Setting<?>, List<String>> raw) {
        return new Layer(source, raw);
    }

    @Test
    void the_first_layer_that_has_a_setting_wins_and_the_rest_fall_back_to_defaults() throws ConfigException {
        Config c = Config.resolve(WAR, List.of(
                layer(Source.COMMAND_LINE, Map.of(Settings.WORKERS, List.of("3"))),
                layer(Source.ENVIRONMENT, Map.of(Settings.WORKERS, List.of("5"), Settings.BACKLOG, List.of("64")))));
        assertEquals(3, c.workers());
        assertEquals(Source.COMMAND_LINE, c.source(Settings.WORKERS));
        assertEquals(64, c.get(Settings.BACKLOG));
        assertEquals(Source.ENVIRONMENT, c.source(Settings.BACKLOG));
        assertEquals(50, c.get(Settings.THREADS));
        assertEquals(Source.DEFAULT, c.source(Settings.THREADS));
    }

    @Test
    void a_repeatable_setting_takes_every_value_of_one_layer_without_merging_layers() throws ConfigException {
        Config c = Config.resolve(WAR, List.of(
                layer(Source.COMMAND_LINE, Map.of(Settings.BIND, List.of("127.0.0.1:1"))),
                layer(Source.CONFIG_FILE, Map.of(Settings.BIND, List.of("127.0.0.1:2", "127.0.0.1:3")))));
        assertEquals(List.of(new Bind.Tcp("127.0.0.1", 1)), c.all(Settings.BIND));
    }

    @Test
    void a_single_valued_setting_given_twice_in_one_layer_takes_the_last() throws ConfigException {
        Config c = Config.resolve(WAR, List.of(layer(Source.CONFIG_FILE, Map.of(Settings.WORKERS, List.of("2", "7")))));
        assertEquals(7, c.workers());
    }

    @Test
    void an_empty_layer_entry_does_not_hide_a_lower_layer() throws ConfigException {
        Config c = Config.resolve(WAR, List.of(
                layer(Source.COMMAND_LINE, Map.of(Settings.WORKERS, List.of())),
                layer(Source.ENVIRONMENT, Map.of(Settings.WORKERS, List.of("4")))));
        assertEquals(4, c.workers());
    }

    @Test
    void a_bad_value_outside_the_command_line_is_named_without_dashes() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.resolve(WAR,
                List.of(layer(Source.CONFIG_FILE, Map.of(Settings.WORKERS, List.of("0"))))));
        assertEquals("workers=0: must be at least 1", e.getMessage());
    }

    @Test
    void a_bad_value_on_the_command_line_is_named_as_the_flag() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.resolve(WAR,
                List.of(layer(Source.COMMAND_LINE, Map.of(Settings.WORKERS, List.of("0"))))));
        assertEquals("--workers=0: must be at least 1", e.getMessage());
    }

    @Test
    void a_setting_without_default_that_nobody_gave_is_empty() throws ConfigException {
        Config c = Config.resolve(WAR, List.of());
        assertEquals(Optional.empty(), c.optional(Settings.PID));
        assertEquals(List.of(), c.all(Settings.JVM_OPT));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.get(Settings.PID));
        assertEquals("pid has no value and no default", e.getMessage());
    }

    @Test
    void with_workers_changes_only_the_worker_count() throws ConfigException {
        Config before = Config.resolve(WAR, List.of(layer(Source.COMMAND_LINE,
                Map.of(Settings.WORKERS, List.of("2"), Settings.JVM_OPT, List.of("-Da=1")))));
        Config after = before.withWorkers(3);
        assertEquals(2, before.workers());
        assertEquals(3, after.workers());
        assertEquals(List.of("-Da=1"), after.all(Settings.JVM_OPT));
        assertEquals(before.timeout(), after.timeout());
        assertEquals(WAR, after.war());
    }

    @Test
    void every_default_is_valid_for_its_own_setting() throws ConfigException {
        for (Setting<?> s : Settings.ALL) if (s.defaultText() != null) s.parse(s.defaultText(), false);
    }

    @Test
    void setting_names_and_flags_are_unique_and_every_setting_has_help() {
        Set<String> flags = new HashSet<>();
        for (Setting<?> s : Settings.ALL) {
            for (String f : s.flags()) assertTrue(flags.add(f), "flag " + f + " is declared twice");
            assertFalse(s.help().isBlank(), s.name() + " has no help");
            assertTrue(s.name().matches("[a-z]+(-[a-z]+)*"), s.name());
        }
    }

    @Test
    void short_flag_comes_before_the_long_one() {
        assertEquals(List.of("-w", "--workers"), Settings.WORKERS.flags());
        assertEquals(List.of("--backlog"), Settings.BACKLOG.flags());
    }
}
