package dev.warcorn.logging;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a process logs; the master and its workers use the same options.
 *
 * @param errorLogfile where log lines go: an absolute path, or {@link #STANDARD} for stderr
 * @param level        the least severe level logged
 * @param config       a logback XML file that replaces all of the above
 * @param json         one JSON object per line instead of warcorn's pattern
 */
public record LogOptions(String errorLogfile, LogLevel level, Optional<Path> config, boolean json) {
    /** {@code -}: stderr for the error log, stdout for the access log, as in Gunicorn. */
    public static final String STANDARD = "-";
    public static final LogOptions DEFAULT = new LogOptions(STANDARD, LogLevel.INFO, Optional.empty(), false);
}
