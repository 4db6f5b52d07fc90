package dev.warcorn.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servlet environment and the master's "ready in N ms" of each WAR a test booted, written to
 * {@code target/boot-times.txt} for docs/compatibility.md.
 */
final class BootTimes {
    private static final Pattern ENVIRONMENT = Pattern.compile("servlet environment (ee\\d+) \\((.*)\\)$");
    private static final Pattern READY = Pattern.compile("worker=0 pid=\\d+ ready in (\\d+) ms");
    private static final Map<String, String> rows = new TreeMap<>();

    private BootTimes() {
    }

    /** Records the first worker's boot of {@code war} from the master's output. */
    static synchronized void record(String war, Warcorn w) {
        String env = w.await(ENVIRONMENT.pattern(), Duration.ofSeconds(10)).group(1);
        Matcher ready = w.await(READY.pattern(), Duration.ofSeconds(10));
        rows.put(war, env + "\tready in " + ready.group(1) + " ms");
    }

    static synchronized void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        rows.forEach((war, row) -> out.append(war).append('\t').append(row).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.print(out);
    }
}
