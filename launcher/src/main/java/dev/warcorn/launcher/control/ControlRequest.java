package dev.warcorn.launcher.control;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One command from {@code warcorn ctl}: {@code status}, {@code workers}, {@code stats} (for {@code top}), {@code reload}, {@code scale N}
 * or {@code stop}. The supervisor completes {@code reply} with the text to send back.
 */
public record ControlRequest(String command, List<String> args, boolean json, CompletableFuture<String> reply) {
    public static final List<String> COMMANDS = List.of("status", "workers", "stats", "reload", "scale", "stop");

    /** A one-line result, in JSON when asked. */
    public String result(boolean ok, String message) {
        if (!json) return (ok ? "" : "error: ") + message + "\n";
        return "{\"ok\":" + ok + ",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n";
    }
}
