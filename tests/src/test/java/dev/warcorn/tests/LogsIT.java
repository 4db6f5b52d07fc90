package dev.warcorn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gunicorn's logging options on the real distribution: access log, error log, level, JSON, USR1. */
class LogsIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    /** Gunicorn's %(t)s: [23/Nov/2026:13:41:18 +0000]. */
    static final String TIMESTAMP = "\\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}]";

    @TempDir
    Path tmp;

    @Test
    void the_access_log_line_of_a_known_request_is_in_gunicorns_default_format() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--access-logfile", "-", Warcorn.HELLO.toString())) {
            int port = w.port();
            w.awaitReady(1, BOOT);
            Http.Response r = get(port, "/hello?x=1&y=2", "User-Agent: logs-it/1.0", "Referer: http://example.test/start");
            assertEquals(200, r.status(), r.head());
            String body = "Hello, World!";
            assertEquals(body, r.body());
            w.await("^127\\.0\\.0\\.1 - - " + TIMESTAMP + " \"GET /hello\\?x=1&y=2 HTTP/1\\.1\" 200 " + body.length()
                    + " \"http://example\\.test/start\" \"logs-it/1\\.0\"$", Duration.ofSeconds(10));
        }
    }

    @Test
    void an_access_logfile_shared_by_two_workers_gets_lines_from_both_worker_pids() throws Exception {
        Path accessLog = tmp.resolve("access.log");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--access-logfile", accessLog.toString(),
                "--access-logformat", "%(p)s %(s)s %(m)s %(U)s", Warcorn.HELLO.toString())) {
            int port = w.port();
            Set<Long> workers = Set.copyOf(w.awaitReady(2, BOOT));
            try (Load load = new Load(port, "/hello", 4, 100_000)) {
                Warcorn.poll(Duration.ofSeconds(30), "lines from both workers in " + accessLog, () -> pids(accessLog).equals(workers));
            }
            List<String> lines = Files.readAllLines(accessLog);
            assertTrue(lines.stream().allMatch(l -> l.matches("<\\d+> 200 GET /hello")), "every line whole: " + lines.subList(0, Math.min(5, lines.size())));
        }
    }

    @Test
    void log_json_writes_every_log_line_of_master_and_workers_as_one_json_object() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--log-json", Warcorn.HELLO.toString())) {
            long worker = w.awaitReady(1, BOOT).getFirst();
            w.signal("TERM");
            assertTrue(w.waitForExit(BOOT), w.output());
            w.await("Shutting down: Master", Duration.ofSeconds(10));
            List<String> lines = w.output().lines().filter(l -> !l.isBlank()).toList();
            for (String line : lines)
                assertTrue(line.startsWith("{") && line.endsWith("}") && line.contains("\"level\""), "not a JSON log line: " + line);
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"process\":\"master " + w.pid() + "\"")), w.output());
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"process\":\"worker=0 pid=" + worker + "\"")), w.output());
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"level\":\"INFO\"") && l.contains("Listening at: http:")), w.output());
        }
    }

    @Test
    void log_level_warning_hides_the_info_lines_of_master_and_workers() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(90), "-b", "127.0.0.1:0", "--log-level", "warning", Warcorn.BROKEN.toString());
        assertEquals(4, w.exitCode(), w.output());
        String out = w.output();
        assertFalse(out.contains("[INFO]"), out);
        assertFalse(out.contains("Listening at"), out);
        assertTrue(Pattern.compile("\\[worker=0 pid=\\d+] \\[ERROR] failed to boot").matcher(out).find(), out);
        assertTrue(Pattern.compile("\\[master " + w.pid() + "] \\[ERROR] worker=0 pid=\\d+ failed to load").matcher(out).find(), out);
    }

    @Test
    void usr1_after_the_access_log_was_moved_aside_makes_every_worker_write_a_new_file_at_the_same_path() throws Exception {
        Path accessLog = tmp.resolve("access.log");
        Path rotated = tmp.resolve("access.log.1");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-w", "2", "--access-logfile", accessLog.toString(),
                "--access-logformat", "%(p)s %(U)s", Warcorn.HELLO.toString())) {
            int port = w.port();
            Set<Long> workers = Set.copyOf(w.awaitReady(2, BOOT));
            assertEquals(200, Http.get(port, "/hello").status());
            Warcorn.poll(Duration.ofSeconds(10), "a line in " + accessLog, () -> !lines(accessLog).isEmpty());
            Files.move(accessLog, rotated); // what logrotate does before its postrotate kill -USR1
            w.signal("USR1");
            for (long pid : workers) w.await("\\[worker=\\d pid=" + pid + "] \\[INFO] Reopened access log " + Pattern.quote(accessLog.toString()), BOOT);
            try (Load load = new Load(port, "/hello", 4, 100_000)) {
                Warcorn.poll(Duration.ofSeconds(30), "lines from both workers in the new " + accessLog, () -> pids(accessLog).equals(workers));
            }
            assertTrue(lines(rotated).getFirst().matches("<\\d+> /hello"), "the rotated file keeps its lines: " + lines(rotated));
        }
    }

    @Test
    void the_error_logfile_takes_master_and_worker_lines_off_stderr_and_usr1_reopens_it() throws Exception {
        Path errorLog = tmp.resolve("error.log");
        Path rotated = tmp.resolve("error.log.1");
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--error-logfile", errorLog.toString(), Warcorn.HELLO.toString())) {
            Matcher ready = awaitInFile(errorLog, "\\[master " + w.pid() + "] \\[INFO] worker=0 pid=(\\d+) ready in");
            long worker = Long.parseLong(ready.group(1));
            Files.move(errorLog, rotated);
            w.signal("USR1");
            awaitInFile(errorLog, "\\[master " + w.pid() + "] \\[INFO] Reopened log file " + Pattern.quote(errorLog.toString()));
            awaitInFile(errorLog, "\\[worker=0 pid=" + worker + "] \\[INFO] Reopened log file " + Pattern.quote(errorLog.toString()));
            w.signal("TERM");
            assertTrue(w.waitForExit(BOOT));
            awaitInFile(errorLog, "\\[worker=0 pid=" + worker + "] \\[INFO] stopping gracefully");
            awaitInFile(errorLog, "Shutting down: Master");
            assertTrue(Files.readString(rotated).contains("Listening at: http://127.0.0.1:"), "the rotated file keeps the start");
            assertFalse(w.output().contains("[INFO]"), "nothing logged on stderr: " + w.output());
        }
    }

    @Test
    void a_worker_still_logs_after_jetty_closed_the_shared_socket_since_it_writes_to_copies_of_stdout_and_stderr() throws Exception {
        // On a unix: bind an acceptor thread takes the connections, and Jetty's stop closes the inherited
        // listener; the JDK then points fds 0, 1 and 2 at /dev/null, before the worker's last line
        Path socket = tmp.resolve("app.sock");
        try (Warcorn w = Warcorn.start("-b", "unix:" + socket, Warcorn.HELLO.toString())) {
            long worker = w.awaitReady(1, BOOT).getFirst();
            w.signal("TERM");
            w.await("\\[worker=0 pid=" + worker + "] \\[INFO] exiting after 0 requests$", Duration.ofSeconds(30));
            assertTrue(w.waitForExit(BOOT));
        }
    }

    /** GET with extra request headers, on a new connection. */
    private static Http.Response get(int port, String path, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
            s.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + String.join("", List.of(headers).stream().map(h -> h + "\r\n").toList())
                    + "Connection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int bodyAt = raw.indexOf("\r\n\r\n");
            return new Http.Response(Integer.parseInt(raw.substring(9, 12)), raw.substring(bodyAt + 4), raw.substring(0, bodyAt));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The worker pids in an access log whose lines start with %(p)s, Gunicorn's {@code <pid>}. */
    private static Set<Long> pids(Path accessLog) {
        return lines(accessLog).stream().filter(l -> l.startsWith("<") && l.indexOf('>') > 1)
                .map(l -> Long.parseLong(l.substring(1, l.indexOf('>')))).collect(Collectors.toSet());
    }

    private static Matcher awaitInFile(Path file, String regex) {
        Pattern p = Pattern.compile(regex);
        Matcher[] found = new Matcher[1];
        Warcorn.poll(BOOT, "a line matching " + regex + " in " + file, () -> {
            for (String l : lines(file)) {
                Matcher m = p.matcher(l);
                if (m.find()) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
