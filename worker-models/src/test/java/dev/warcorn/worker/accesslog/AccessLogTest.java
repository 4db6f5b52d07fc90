package dev.warcorn.worker.accesslog;

import dev.warcorn.worker.Poll;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log file: shared by writers without split lines, reopened after a move, fed by Jetty. */
class AccessLogTest {
    @TempDir
    Path tmp;

    @Test
    void two_writers_sharing_one_file_never_split_a_line() throws Exception {
        Path file = tmp.resolve("access.log");
        AccessLog a = AccessLog.open(file.toString(), "%(p)s");
        AccessLog b = AccessLog.open(file.toString(), "%(p)s");
        String longA = "a".repeat(3000), longB = "b".repeat(5000);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            AccessLog log = t % 2 == 0 ? a : b;
            String line = t % 2 == 0 ? longA : longB;
            threads.add(Thread.ofPlatform().name("writer-" + t).start(() -> {
                for (int i = 0; i < 200; i++) log.write(line);
            }));
        }
        for (Thread t : threads) t.join();
        List<String> lines = Files.readAllLines(file);
        assertEquals(800, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.equals(longA) || l.equals(longB)), "a line was split or interleaved");
    }

    @Test
    void reopen_after_the_file_was_moved_writes_to_a_new_file_at_the_same_path() throws IOException {
        Path file = tmp.resolve("access.log");
        Path rotated = tmp.resolve("access.log.1");
        AccessLog log = AccessLog.open(file.toString(), "%(s)s");
        log.write("before");
        Files.move(file, rotated);
        log.write("still the old file, as after logrotate and before USR1");
        log.reopen();
        log.write("after");
        assertEquals(List.of("before", "still the old file, as after logrotate and before USR1"), Files.readAllLines(rotated));
        assertEquals(List.of("after"), Files.readAllLines(file));
    }

    @Test
    void an_existing_file_is_appended_to() throws IOException {
        Path file = Files.writeString(tmp.resolve("access.log"), "from yesterday\n");
        AccessLog.open(file.toString(), "%(s)s").write("today");
        assertEquals(List.of("from yesterday", "today"), Files.readAllLines(file));
    }

    @Test
    void a_file_in_a_missing_directory_cannot_be_opened() {
        assertThrows(IOException.class, () -> AccessLog.open(tmp.resolve("no/such/dir/access.log").toString(), "%(s)s"));
    }

    @Test
    void jetty_logs_a_served_request_with_its_status_body_length_headers_and_pid() throws Exception {
        Path file = tmp.resolve("access.log");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(201);
                response.getHeaders().put("X-Out", "out");
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                Content.Sink.write(response, true, "created", callback);
                return true;
            }
        });
        server.setRequestLog(AccessLog.open(file.toString(),
                "%(h)s %(l)s %(u)s \"%(r)s\" %(m)s %(U)s %(q)s %(H)s %(s)s %(B)s %(b)s \"%(f)s\" \"%(a)s\" %({x-in}i)s %({x-out}o)s %(p)s"));
        server.start();
        try (Socket s = new Socket("127.0.0.1", connector.getLocalPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /items/1?full=yes HTTP/1.1\r\nHost: localhost\r\nUser-Agent: unit-test\r\nReferer: http://example.test/list\r\n"
                    + "X-In: in\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 201"), response);
            awaitLine(file);
        } finally {
            server.stop();
        }
        assertEquals("127.0.0.1 - - \"GET /items/1?full=yes HTTP/1.1\" GET /items/1 full=yes HTTP/1.1 201 7 7 \"http://example.test/list\" "
                + "\"unit-test\" in out <" + ProcessHandle.current().pid() + ">", Files.readAllLines(file).getFirst());
    }

    /** Jetty logs after the response is complete, so the client may read it first. */
    private static void awaitLine(Path file) {
        Poll.until(Duration.ofSeconds(10), "a line in " + file, () -> {
            try {
                return Files.exists(file) && !Files.readAllLines(file).isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
    }
}
