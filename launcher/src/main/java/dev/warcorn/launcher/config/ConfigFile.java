package dev.warcorn.launcher.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code -c/--config FILE}: {@code key = value} lines whose keys are the long option names, {@code #}
 * comments, a repeatable key given once per value, and {@code war = PATH}. Plain text read by the JDK,
 * so no parser library can change under it; relative paths are taken relative to the file.
 */
public final class ConfigFile {
    public static final String WAR_KEY = "war";

    /**
     * The settings of one file, its WAR if it names one, and every problem found in it, one message per
     * line of the file that has one, in file order ({@code FILE line N: workers=zero: not a whole number}).
     * The layer holds only the values that parsed, so no problem is reported twice.
     */
    public record Contents(Config.Layer layer, Optional<Path> war, List<String> problems) {
        public Contents {
            problems = List.copyOf(problems);
        }
    }

    private ConfigFile() {
    }

    /**
     * Reads every line, checking each key and value, and goes on past a bad one so that one run of
     * {@code --check-config} names every problem, as it does for the command line.
     *
     * @throws ConfigException only when the file cannot be read at all
     */
    public static Contents read(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException("config=" + file + ": cannot be read (" + e.getMessage() + "); check the path given to -c");
        }
        Map<Setting<?>, List<String>> raw = new LinkedHashMap<>();
        Optional<Path> war = Optional.empty();
        List<String> errors = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            String where = file + " line " + n;
            if (eq < 0) {
                errors.add(where + ": expected key = value, got: " + line);
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals(WAR_KEY)) {
                war = Optional.of(dir.resolve(value));
                continue;
            }
            Optional<Setting<?>> setting = Settings.ALL.stream().filter(s -> s.name().equals(key)).findFirst();
            if (setting.isEmpty()) {
                errors.add(where + ": unknown key " + key + closest(key).map(c -> "; did you mean " + c + "?").orElse(""));
                continue;
            }
            String resolved = relativeTo(dir, setting.get(), value);
            try {
                setting.get().parse(resolved, false);
            } catch (ConfigException e) {
                errors.add(where + ": " + e.getMessage());
                continue;
            }
            raw.computeIfAbsent(setting.get(), k -> new ArrayList<>()).add(resolved);
        }
        return new Contents(new Config.Layer(Config.Source.CONFIG_FILE, raw), war, errors);
    }

    /** Paths in a config file are relative to the file, not to wherever warcorn was started. */
    private static String relativeTo(Path dir, Setting<?> setting, String value) {
        if (setting == Settings.LOGIN_REALM && value.indexOf('=') > 0) {
            int eq = value.indexOf('=');
            return value.substring(0, eq + 1) + dir.resolve(value.substring(eq + 1));
        }
        boolean path = setting == Settings.WORKER_CLASSPATH || setting == Settings.CONTEXT_XML || setting == Settings.PID
                || setting == Settings.LOG_CONFIG || setting == Settings.CHDIR
                || setting == Settings.AOT_CACHE && !value.equals("auto") && !value.equals("off")
                || setting == Settings.CONTROL_SOCKET
                || (setting == Settings.ACCESS_LOGFILE || setting == Settings.ERROR_LOGFILE) && !value.equals("-");
        return path ? dir.resolve(value).toString() : value;
    }

    /** The known key nearest to {@code key}, if it is near enough to be a typo. */
    static Optional<String> closest(String key) {
        List<String> known = new ArrayList<>(Settings.ALL.stream().map(Setting::name).toList());
        known.add(WAR_KEY);
        return known.stream()
                .min(Comparator.comparingInt(k -> distance(k, key)))
                .filter(k -> distance(k, key) <= Math.max(2, key.length() / 3));
    }

    private static int distance(String a, String b) { // Levenshtein
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
