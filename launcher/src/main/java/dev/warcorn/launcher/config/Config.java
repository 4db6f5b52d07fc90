package dev.warcorn.launcher.config;

import dev.warcorn.logging.LogOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: every setting's parsed value and where it came from. Immutable; a
 * change (TTIN, a reload) builds a new one. Built by {@link #resolve} from raw text layers.
 */
public final class Config {

    /** Where a value came from, highest precedence first. */
    public enum Source { COMMAND_LINE, ENVIRONMENT, CONFIG_FILE, DEFAULT }

    /** The raw text of some settings from one source. */
    public record Layer(Source source, Map<Setting<?>, List<String>> raw) {
    }

    private record Value(List<?> values, List<String> raw, Source source) {
    }

    private final Path war;
    private final Map<Setting<?>, Value> values;

    private Config(Path war, Map<Setting<?>, Value> values) {
        this.war = war;
        this.values = Map.copyOf(values);
    }

    /**
     * Parses every setting from the first layer that has it (layers in precedence order), else from its
     * default. A repeatable setting takes all values of that one layer.
     */
    public static Config resolve(Path war, List<Layer> layers) throws ConfigException {
        Map<Setting<?>, Value> values = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            try {
                values.put(s, parse(s, layers));
            } catch (ConfigException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return new Config(war, values);
    }

    private static Value parse(Setting<?> s, List<Layer> layers) throws ConfigException {
        for (Layer layer : layers) {
            List<String> raw = layer.raw().get(s);
            if (raw == null || raw.isEmpty()) continue;
            List<String> used = s.repeatable() ? raw : List.of(raw.getLast());
            List<Object> parsed = new ArrayList<>();
            for (String r : used) parsed.add(s.parse(r, layer.source() == Source.COMMAND_LINE));
            return new Value(parsed, used, layer.source());
        }
        if (s.defaultText() == null) return new Value(List.of(), List.of(), Source.DEFAULT);
        return new Value(List.of(s.parse(s.defaultText(), false)), List.of(s.defaultText()), Source.DEFAULT);
    }

    /** The value of a single-valued setting that has a default. */
    public <T> T get(Setting<T> s) {
        return optional(s).orElseThrow(() -> new IllegalStateException(s.name() + " has no value and no default"));
    }

    @SuppressWarnings("unchecked") // values are parsed by the setting they are stored under
    public <T> Optional<T> optional(Setting<T> s) {
        List<?> v = values.get(s).values();
        return v.isEmpty() ? Optional.empty() : Optional.of((T) v.getLast());
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> all(Setting<T> s) {
        return (List<T>) values.get(s).values();
    }

    public Source source(Setting<?> s) {
        return values.get(s).source();
    }

    /** The values as they were written, for --print-config. */
    public List<String> raw(Setting<?> s) {
        return values.get(s).raw();
    }

    /** A copy with one setting changed at run time (TTIN, TTOU). */
    public <T> Config with(Setting<T> s, T value, Source source) {
        Map<Setting<?>, Value> copy = new HashMap<>(values);
        copy.put(s, new Value(List.of(value), List.of(String.valueOf(value)), source));
        return new Config(war, copy);
    }

    public Path war() {
        return war;
    }

    // The settings the supervisor reads on every pass, by name.

    public int workers() {
        return get(Settings.WORKERS);
    }

    public Config withWorkers(int n) {
        return with(Settings.WORKERS, n, Source.COMMAND_LINE);
    }

    public Duration timeout() {
        return get(Settings.TIMEOUT);
    }

    public Duration bootTimeout() {
        return get(Settings.BOOT_TIMEOUT);
    }

    public Duration gracefulTimeout() {
        return get(Settings.GRACEFUL_TIMEOUT);
    }

    /** How the master and its workers log. */
    public LogOptions logging() {
        return new LogOptions(get(Settings.ERROR_LOGFILE), get(Settings.LOG_LEVEL), optional(Settings.LOG_CONFIG), get(Settings.LOG_JSON));
    }
}
