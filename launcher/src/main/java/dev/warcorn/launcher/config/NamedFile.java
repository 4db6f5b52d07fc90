package dev.warcorn.launcher.config;

import java.nio.file.Path;

/** {@code NAME=FILE}, as {@code --login-realm} takes it; the file must exist. */
public record NamedFile(String name, Path file) {

    static NamedFile parse(String raw) {
        int eq = raw.indexOf('=');
        if (eq <= 0 || eq == raw.length() - 1) throw new IllegalArgumentException("expected NAME=FILE, e.g. jolokia=realm.properties");
        return new NamedFile(raw.substring(0, eq), Parsers.existingPath(raw.substring(eq + 1)));
    }

    /** {@code KEY=VALUE}, as {@code --env} takes it. */
    public record KeyValue(String key, String value) {
        static KeyValue parse(String raw) {
            int eq = raw.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected KEY=VALUE, e.g. -e TZ=UTC");
            return new KeyValue(raw.substring(0, eq), raw.substring(eq + 1));
        }
    }
}
