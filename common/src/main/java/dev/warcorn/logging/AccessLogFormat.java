package dev.warcorn.logging;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --access-logformat}: Gunicorn's format, Python's {@code %(name)s} mapping syntax, split into
 * literal text and atoms. The master parses it to reject a broken format at start; each worker parses
 * it once more and compiles the atoms (a Python format Gunicorn cannot apply fails on every request
 * instead).
 */
public final class AccessLogFormat {
    /** Gunicorn's default: Apache's combined log format. */
    public static final String DEFAULT = "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"";
    /** Conversions Python accepts for a value that is printed as it is. */
    private static final String CONVERSIONS = "sdir";

    public sealed interface Part {
    }

    public record Text(String text) implements Part {
    }

    /** {@code %(key)s}: {@code key} is an atom name such as {@code h}, or {@code {header}i} / {@code {header}o}. */
    public record Atom(String key) implements Part {
    }

    private AccessLogFormat() {
    }

    /** The parts in order; the exception's message is the rule broken, with the column. */
    public static List<Part> parse(String format) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            int column = i + 1;
            if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                text.append('%');
                i += 2;
                continue;
            }
            if (i + 1 >= format.length() || format.charAt(i + 1) != '(')
                throw new IllegalArgumentException("'%' at column " + column + ": expected an atom such as %(h)s, or %% for a percent sign");
            int close = closingParenthesis(format, i + 1);
            if (close < 0) throw new IllegalArgumentException("'%(' at column " + column + " is never closed; atoms are written %(h)s");
            if (close + 1 >= format.length() || CONVERSIONS.indexOf(format.charAt(close + 1)) < 0)
                throw new IllegalArgumentException("'%" + format.substring(i + 1, close + 1) + "' at column " + column
                        + " must be followed by s, as in %(h)s");
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            parts.add(new Atom(format.substring(i + 2, close)));
            i = close + 2;
        }
        if (!text.isEmpty()) parts.add(new Text(text.toString()));
        return List.copyOf(parts);
    }

    /** Python counts nested parentheses inside the key, so {@code %({x(y)}i)s} names the header {@code x(y)}. */
    private static int closingParenthesis(String format, int open) {
        int depth = 0;
        for (int j = open; j < format.length(); j++) {
            if (format.charAt(j) == '(') depth++;
            else if (format.charAt(j) == ')' && --depth == 0) return j;
        }
        return -1;
    }
}
