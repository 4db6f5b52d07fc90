package dev.warcorn.logging;

import ch.qos.logback.classic.Level;

import java.util.Locale;

/**
 * {@code --log-level}, in Gunicorn's names. Logback has no level above ERROR, so {@code critical} logs
 * what {@code error} does.
 */
public enum LogLevel {
    DEBUG(Level.DEBUG), INFO(Level.INFO), WARNING(Level.WARN), ERROR(Level.ERROR), CRITICAL(Level.ERROR);

    private final Level logback;

    LogLevel(Level logback) {
        this.logback = logback;
    }

    public Level logback() {
        return logback;
    }

    /** The name as the user writes it, in any case; the exception's message is the rule. */
    public static LogLevel parse(String raw) {
        try {
            return valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown; expected debug, info, warning, error or critical");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
