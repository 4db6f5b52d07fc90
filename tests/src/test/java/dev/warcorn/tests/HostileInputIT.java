package dev.warcorn.tests;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests no honest client sends, over raw sockets: each gets 400 (505 for HTTP/0.9) and a closed
 * connection under the default --http-compliance strict, and the worker serves the next request as if nothing happened.
 */
class HostileInputIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final String HOST = "Host: localhost\r\n";

    /** What docs/http-edge.md's table lists, in the same order. */
    static Map<String, String> hostile() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("request line with four parts", "GET /hello HTTP/1.1 extra\r\n" + HOST + "\r\n");
        m.put("request line without a version (HTTP/0.9)", "GET /hello\r\n" + HOST + "\r\n");
        m.put("NUL in the request target", "GET /hel\0lo HTTP/1.1\r\n" + HOST + "\r\n");
        m.put("space in a header name", "GET /hello HTTP/1.1\r\n" + HOST + "Bad Header: x\r\n\r\n");
        m.put("whitespace before the colon", "GET /hello HTTP/1.1\r\n" + HOST + "X-A : x\r\n\r\n");
        m.put("non-token character in a header name", "GET /hello HTTP/1.1\r\n" + HOST + "X(A): x\r\n\r\n");
        m.put("header without a colon", "GET /hello HTTP/1.1\r\n" + HOST + "X-A x\r\n\r\n");
        m.put("control character in a header value", "GET /hello HTTP/1.1\r\n" + HOST + "X-A: a\u0001b\r\n\r\n");
        m.put("obsolete line folding", "GET /hello HTTP/1.1\r\n" + HOST + "X-A: a\r\n  folded\r\n\r\n");
        m.put("bare LF line ends", "GET /hello HTTP/1.1\n" + HOST.replace("\r\n", "\n") + "\n");
        m.put("no Host header in HTTP/1.1", "GET /hello HTTP/1.1\r\n\r\n");
        m.put("two Host headers", "GET /hello HTTP/1.1\r\n" + HOST + "Host: other\r\n\r\n");
        m.put("Content-Length with Transfer-Encoding",
                "POST /echo HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        m.put("two different Content-Lengths", "POST /echo HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
        m.put("negative Content-Length", "POST /echo HTTP/1.1\r\n" + HOST + "Content-Length: -1\r\n\r\n");
        m.put("chunk size overflow", "POST /echo HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n");
        m.put("chunk size not hex", "POST /echo HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\nzz\r\nx\r\n0\r\n\r\n");
        m.put("unknown transfer coding", "POST /echo HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip\r\n\r\nxx");
        return m;
    }

    @Test
    void each_hostile_request_gets_400_and_a_closed_connection_and_the_worker_serves_on() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            long pid = Long.parseLong(Http.get(port, "/pid").body());
            List<String> table = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, String> e : hostile().entrySet()) {
                RawHttp.Reply r = RawHttp.send(port, e.getValue().getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
                table.add("| " + e.getKey() + " | " + r.status() + " | " + (r.closed() ? "closed" : "open") + " |");
                int expected = e.getKey().contains("HTTP/0.9") ? 505 : 400; // RFC 9110: 505 for a version not supported
                if (r.status() != expected || !r.closed()) wrong.add(e.getKey() + ": " + r.text());
                ErrorPagesIT.assertNoLeak(r.text());
                assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"), "served after: " + e.getKey());
            }
            System.out.println(String.join("\n", table));
            assertTrue(wrong.isEmpty(), "not 400 (505) and closed:\n" + String.join("\n", wrong));
            assertEquals(pid, Long.parseLong(Http.get(port, "/pid").body()), "the same worker, never restarted");
        }
    }

    @Test
    void a_client_trickling_its_headers_is_disconnected_at_the_header_timeout() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--header-timeout", "1", "--keep-alive", "5", Warcorn.HELLO.toString());
             Socket s = new Socket()) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /hello HTTP/1.1\r\n" + HOST).getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            Thread trickle = Thread.ofPlatform().daemon().name("slowloris").start(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        out.write(("X-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        Thread.sleep(200); // the attack's pace, well inside --keep-alive: the idle timeout never fires
                    }
                } catch (Exception closed) {
                    // the server hung up: what the test waits for
                }
            });
            RawHttp.Reply r = RawHttp.read(s, Duration.ofSeconds(10));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(r.closed(), "still open after 10 s of trickling");
            assertTrue(ms >= 900 && ms < 5_000, "closed after " + ms + " ms; --header-timeout is 1 s");
            trickle.join(5_000);
            System.out.println("slowloris disconnected after " + ms + " ms");
            assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"));
        }
    }

    @Test
    void an_idle_keep_alive_connection_is_kept_past_the_header_timeout_for_as_long_as_keep_alive_says() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--header-timeout", "1", "--keep-alive", "10", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            KeepAliveConnection c = new KeepAliveConnection(w.port(), Duration.ofSeconds(10));
            try {
                assertEquals(200, c.get("/hello").status());
                Thread.sleep(2_500); // idle for 2.5 times --header-timeout, a quarter of --keep-alive
                assertEquals(200, c.get("/hello").status(), "the idle connection was closed before --keep-alive");
                assertEquals(1, c.connections(), "the second request reused the connection");
            } finally {
                c.close();
            }
        }
    }

    @Test
    void a_slow_request_body_is_not_cut_by_the_header_timeout() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--header-timeout", "1", "--keep-alive", "5", Warcorn.HELLO.toString());
             Socket s = new Socket()) {
            w.awaitReady(1, BOOT);
            s.connect(new InetSocketAddress("127.0.0.1", w.port()), 5_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\n" + HOST + "Connection: close\r\nContent-Length: 10\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 10; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(250); // a slow body: 2.5 s in all, past the 1 s header deadline
            }
            RawHttp.Reply r = RawHttp.read(s, Duration.ofSeconds(10));
            assertEquals(200, r.status(), r.text());
            assertTrue(r.body().endsWith("read 10 bytes"), r.text());
        }
    }
}
