package dev.warcorn.launcher.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value parsers whose exceptions carry the rule only; {@link Setting#parse} adds the name and value. */
final class Parsers {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg])?b?");

    private Parsers() {
    }

    static Function<String, Integer> intAtLeast(int min) {
        return raw -> {
            int v;
            try {
                v = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (v < min) throw new IllegalArgumentException("must be at least " + min);
            return v;
        };
    }

    /** Whole seconds as Gunicorn takes them ({@code 30}), or with a unit: {@code 500ms}, {@code 2m}. */
    static Function<String, Duration> duration(boolean zeroAllowed) {
        return raw -> {
            Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
            if (!m.matches()) throw new IllegalArgumentException("not a duration; give seconds (30) or a number with ms, s, m or h");
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (d.isZero() && !zeroAllowed) throw new IllegalArgumentException("must be more than 0");
            return d;
        };
    }

    /** Bytes, with an optional k, m or g suffix as in {@code -Xmx}. */
    static long size(String raw) {
        Matcher m = SIZE.matcher(raw.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("not a size; give bytes or a number with k, m or g (512m)");
        long n = Long.parseLong(m.group(1));
        long bytes = switch (m.group(2) == null ? "" : m.group(2)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
        if (bytes < (16L << 20)) throw new IllegalArgumentException("must be at least 16m");
        return bytes;
    }

    static java.nio.file.Path existingPath(String raw) {
        java.nio.file.Path p = java.nio.file.Path.of(raw).toAbsolutePath();
        if (!java.nio.file.Files.exists(p)) throw new IllegalArgumentException("no such file or directory");
        if (!java.nio.file.Files.isReadable(p)) throw new IllegalArgumentException("not readable by this user");
        return p;
    }

    static String contextPath(String raw) {
        if (!raw.startsWith("/")) throw new IllegalArgumentException("must start with /, e.g. / or /app");
        if (raw.length() > 1 && raw.endsWith("/")) throw new IllegalArgumentException("must not end with / (except the root /)");
        return raw;
    }
}
