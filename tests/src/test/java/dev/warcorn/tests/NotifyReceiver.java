package dev.warcorn.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for systemd's notify socket: a Unix datagram socket (which the JDK cannot open) bound by
 * a small python3 program that prints each datagram it receives on one line, newlines as "|".
 */
final class NotifyReceiver implements AutoCloseable {
    private static final String PROGRAM = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(sys.argv[1])
            print("bound", flush=True)
            while True:
                print(s.recv(4096).decode().replace("\\n", "|"), flush=True)
            """;

    final Path path;
    private final Process process;
    private final List<String> messages = new ArrayList<>();

    NotifyReceiver(Path dir) throws IOException {
        path = dir.resolve("notify.sock");
        process = new ProcessBuilder("python3", "-c", PROGRAM, path.toString()).redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (messages) {
                        messages.add(line);
                    }
                }
            } catch (IOException e) {
                // ends with the process
            }
        });
        Warcorn.poll(Duration.ofSeconds(10), "the notify socket", () -> Files.exists(path));
    }

    List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Waits for a datagram containing {@code text}, counting from message {@code from}; returns its index. */
    int await(String text, int from, Duration deadline) {
        int[] at = {-1};
        Warcorn.poll(deadline, "a notify message with " + text + " (got " + messages() + ")", () -> {
            List<String> m = messages();
            for (int i = from; i < m.size(); i++) {
                if (m.get(i).contains(text)) {
                    at[0] = i;
                    return true;
                }
            }
            return false;
        });
        return at[0];
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
