package dev.warcorn.launcher.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a worker, for --max-worker-memory; tests replace it. */
@FunctionalInterface
public interface MemoryProbe {

    /** Reads VmRSS from {@code /proc/PID/status}; empty when the process is gone. */
    MemoryProbe PROC = pid -> {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    };

    OptionalLong rssBytes(long pid);
}
