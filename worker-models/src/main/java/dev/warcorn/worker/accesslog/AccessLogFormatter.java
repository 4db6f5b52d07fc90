package dev.warcorn.worker.accesslog;

import dev.warcorn.logging.AccessLogFormat;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Gunicorn's access log atoms, compiled once into a list of appenders so that a request costs one pass
 * over them. An atom Gunicorn does not know prints {@code -}, as Gunicorn does; so does a missing header.
 */
public final class AccessLogFormatter {
    /** Appends one atom's (or one literal's) text for a request. */
    @FunctionalInterface
    interface Appender {
        void append(StringBuilder line, Exchange e);
    }

    private final List<Appender> appenders;

    private AccessLogFormatter(List<Appender> appenders) {
        this.appenders = appenders;
    }

    /**
     * @param pid  the worker's pid, for {@code %(p)s}
     * @param zone the time zone of {@code %(t)s} (the system's, as in Gunicorn)
     * @throws IllegalArgumentException the format is not Python's {@code %(name)s} syntax
     */
    public static AccessLogFormatter compile(String format, long pid, ZoneId zone) {
        return new AccessLogFormatter(AccessLogFormat.parse(format).stream().map(part -> switch (part) {
            case AccessLogFormat.Text t -> (Appender) (line, e) -> line.append(t.text());
            case AccessLogFormat.Atom a -> atom(a.key(), pid, zone);
        }).toList());
    }

    /** The line for one request, without its line feed. */
    public String format(Exchange e) {
        StringBuilder line = new StringBuilder(160);
        for (Appender a : appenders) a.append(line, e);
        return line.toString();
    }

    private static Appender atom(String key, long pid, ZoneId zone) {
        String pidText = "<" + pid + ">"; // Gunicorn writes the pid in angle brackets
        return switch (key) {
            case "h" -> (line, e) -> orDash(line, e.remoteAddress());
            case "l" -> (line, e) -> line.append('-');
            case "u" -> (line, e) -> orDash(line, user(e));
            case "t" -> new Timestamp(zone);
            case "r" -> (line, e) -> {
                line.append(e.method()).append(' ');
                safe(line, e.uri().getPathQuery());
                line.append(' ').append(e.protocol());
            };
            case "m" -> (line, e) -> line.append(e.method());
            case "U" -> (line, e) -> safe(line, e.uri().getDecodedPath() != null ? e.uri().getDecodedPath() : e.uri().getPath());
            case "q" -> (line, e) -> safe(line, e.uri().getQuery() == null ? "" : e.uri().getQuery());
            case "H" -> (line, e) -> line.append(e.protocol());
            case "s" -> (line, e) -> line.append(e.status());
            case "B" -> (line, e) -> line.append(e.bytes());
            case "b" -> (line, e) -> {
                if (e.bytes() > 0) line.append(e.bytes());
                else line.append('-');
            };
            case "f" -> header(HttpHeader.REFERER.asString(), true);
            case "a" -> header(HttpHeader.USER_AGENT.asString(), true);
            case "T" -> (line, e) -> line.append(e.nanos() / 1_000_000_000);
            case "M" -> (line, e) -> line.append(e.nanos() / 1_000_000);
            case "D" -> (line, e) -> line.append(e.nanos() / 1_000);
            case "L" -> (line, e) -> {
                long micros = e.nanos() / 1_000;
                String fraction = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
                line.append(micros / 1_000_000).append('.').append(fraction);
            };
            case "p" -> (line, e) -> line.append(pidText);
            default -> {
                if (key.length() > 3 && key.startsWith("{") && key.endsWith("}i")) yield header(key.substring(1, key.length() - 2), true);
                if (key.length() > 3 && key.startsWith("{") && key.endsWith("}o")) yield header(key.substring(1, key.length() - 2), false);
                yield (line, e) -> line.append('-');
            }
        };
    }

    /** Header names are case-insensitive, as in Gunicorn ({@code %({X-Request-Id}i)s} matches {@code x-request-id}). */
    private static Appender header(String name, boolean request) {
        return (line, e) -> orDash(line, (request ? e.requestHeaders() : e.responseHeaders()).get(name));
    }

    /** The authenticated user, else the user name of HTTP Basic credentials (Gunicorn reads only those). */
    static String user(Exchange e) {
        if (e.authenticatedUser() != null) return e.authenticatedUser();
        String authorization = e.requestHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || authorization.length() < 6 || !authorization.regionMatches(true, 0, "basic ", 0, 6)) return null;
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? null : credentials.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static void orDash(StringBuilder line, String value) {
        if (value == null) line.append('-');
        else safe(line, value);
    }

    /** Control characters (a decoded {@code %0a} in a path, a tab in a header) become {@code \xHH}: one request, one line. */
    private static void safe(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) line.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            else line.append(c);
        }
    }

    /** {@code [10/Oct/2000:13:55:36 -0700]}, formatted once per second however many requests share it. */
    private static final class Timestamp implements Appender {
        private record Second(long epochSecond, String text) {
        }

        private final DateTimeFormatter format;
        private volatile Second last = new Second(Long.MIN_VALUE, "");

        Timestamp(ZoneId zone) {
            this.format = DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.US).withZone(zone);
        }

        @Override
        public void append(StringBuilder line, Exchange e) {
            long second = Math.floorDiv(e.epochMillis(), 1000);
            Second s = last;
            if (s.epochSecond() != second) {
                s = new Second(second, format.format(Instant.ofEpochSecond(second)));
                last = s;
            }
            line.append(s.text());
        }
    }
}
