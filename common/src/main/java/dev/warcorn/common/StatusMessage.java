package dev.warcorn.common;

/**
 * One line a worker writes to its master on {@link WorkerFds#TO_MASTER}. Lines, not log scraping: the
 * worker's log format can change without breaking supervision.
 */
public sealed interface StatusMessage {

    /**
     * Jetty is serving (a spare: deployed, not accepting yet); {@code mainMillis} is the time from the worker's
     * {@code main} to this line on the worker's own monotonic clock. The master times the whole boot on its
     * clock, so the rest of it is the JVM's own start up to {@code main}.
     */
    record Ready(long mainMillis) implements StatusMessage {
    }

    /** The worker could not boot; it exits with {@code code} right after. */
    record Failed(ExitCode code, String reason) implements StatusMessage {
        public Failed {
            reason = reason.replace('\n', ' ').replace('\r', ' ').strip();
        }
    }

    /** The worker's request executor ran a task recently; {@code requests} served so far. */
    record Beat(long requests) implements StatusMessage {
    }

    /** The worker's figures, every second once ready and once more after its last request (see {@link WorkerStats}). */
    record Stats(WorkerStats stats) implements StatusMessage {
    }

    /** The worker reached its --max-requests share and asks to be replaced; it keeps serving until stopped. */
    record Recycle(long requests) implements StatusMessage {
    }

    /** A spare was told to take a slot ({@code accept} on fd 3) and its connectors now accept. */
    record Accepting() implements StatusMessage {
    }

    default String encode() {
        return switch (this) {
            case Ready r -> "ready " + r.mainMillis();
            case Failed f -> "failed " + f.code().code() + " " + f.reason();
            case Beat b -> "beat " + b.requests();
            case Recycle r -> "recycle " + r.requests();
            case Stats s -> "stats " + s.stats().encode();
            case Accepting a -> "accepting";
        };
    }

    /** Parses one line; throws {@link IllegalArgumentException} naming the line when it is not one of ours. */
    static StatusMessage decode(String line) {
        String[] parts = line.strip().split(" ", 3);
        try {
            return switch (parts[0]) {
                case "ready" -> new Ready(Long.parseLong(parts[1]));
                case "beat" -> new Beat(Long.parseLong(parts[1]));
                case "recycle" -> new Recycle(Long.parseLong(parts[1]));
                case "accepting" -> new Accepting();
                case "stats" -> new Stats(WorkerStats.decode(line.strip().substring("stats".length())));
                case "failed" -> {
                    ExitCode code = ExitCode.of(Integer.parseInt(parts[1]));
                    yield new Failed(code == null ? ExitCode.WORKER_BOOT_ERROR : code, parts.length > 2 ? parts[2] : "");
                }
                default -> throw new IllegalArgumentException("unknown worker status line: " + line);
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed worker status line: " + line, e);
        }
    }
}
