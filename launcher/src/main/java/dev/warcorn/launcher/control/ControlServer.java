package dev.warcorn.launcher.control;

import dev.warcorn.launcher.supervisor.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The master's control socket: a Unix stream socket, mode 0600, one command line per connection. It
 * only turns each command into an event for the supervisor and writes back the supervisor's answer.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final Path path;
    private final ServerSocketChannel server;
    private volatile boolean handedOver;

    private ControlServer(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
    }

    public static ControlServer start(Path path, BlockingQueue<Event> events) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) // private: nobody else may reach or replace the socket
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (Files.exists(path)) {
            if (ControlClient.answers(path))
                throw new IOException("control socket " + path + " is in use by another warcorn; give another --control-socket");
            Files.delete(path); // left behind by a master that was killed
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        ControlServer control = new ControlServer(path, server);
        Thread.ofPlatform().daemon().name("control-socket").start(() -> control.serve(events));
        return control;
    }

    public Path path() {
        return path;
    }

    private void serve(BlockingQueue<Event> events) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("control-client").start(() -> answer(client, events));
            } catch (IOException e) {
                if (server.isOpen()) log.warn("control socket {}: {}", path, e.getMessage());
            }
        }
    }

    private void answer(SocketChannel client, BlockingQueue<Event> events) {
        try (client; OutputStream out = Channels.newOutputStream(client)) {
            String line = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8)).readLine();
            List<String> words = line == null ? List.of() : Arrays.asList(line.strip().split("\\s+"));
            boolean json = words.contains("--json");
            List<String> rest = words.stream().filter(w -> !w.equals("--json") && !w.isEmpty()).toList();
            String reply;
            if (rest.isEmpty() || !ControlRequest.COMMANDS.contains(rest.getFirst())) {
                reply = new ControlRequest("", List.of(), json, null).result(false, "unknown command " + (rest.isEmpty() ? "(none)" : rest.getFirst())
                        + "; expected one of " + String.join(", ", ControlRequest.COMMANDS));
            } else {
                CompletableFuture<String> answer = new CompletableFuture<>();
                events.add(new Event.Control(new ControlRequest(rest.getFirst(), rest.subList(1, rest.size()), json, answer)));
                reply = answer.get(10, TimeUnit.SECONDS);
            }
            out.write(reply.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            log.warn("control socket {}: a command failed: {}", path, e.toString());
        }
    }

    /** After a USR2 upgrade the path belongs to the new master: closing must not remove its socket. */
    public void handOver() {
        handedOver = true;
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (!handedOver) Files.deleteIfExists(path);
    }
}
