package dev.warcorn.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The process's RLIMIT_NOFILE as /proc/self/limits gives it ("Max open files  SOFT  HARD  files"), read
 * without a native call; {@link #UNLIMITED} where it says "unlimited". Read it before it is needed: a
 * process out of files cannot open /proc/self/limits.
 */
public record OpenFileLimit(long soft, long hard) {
    public static final long UNLIMITED = -1;
    private static final String KEY = "Max open files";

    /** This process's limit; empty when /proc cannot be read (not Linux, an unusual /proc). */
    public static Optional<OpenFileLimit> read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/limits")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<OpenFileLimit> parse(List<String> lines) {
        for (String line : lines) {
            if (!line.startsWith(KEY)) continue;
            String[] f = line.substring(KEY.length()).strip().split("\\s+");
            try {
                return Optional.of(new OpenFileLimit(value(f[0]), value(f[1])));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static long value(String field) {
        return field.equals("unlimited") ? UNLIMITED : Long.parseLong(field);
    }
}
