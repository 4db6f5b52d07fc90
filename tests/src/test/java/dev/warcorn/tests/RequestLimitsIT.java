package dev.warcorn.tests;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gunicorn's --limit-request-line (414), --limit-request-fields and --limit-request-field-size (431), over raw sockets. */
class RequestLimitsIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    /** Host and Connection: close, then {@code extraFields} more. */
    static String request(String target, int extraFields, int fieldValueSize) {
        StringBuilder r = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (int i = 0; i < extraFields; i++) r.append("X-Field-").append(i).append(": ").append("v".repeat(fieldValueSize)).append("\r\n");
        return r.append("\r\n").toString();
    }

    static String target(int lineLength) {
        int fixed = "GET ".length() + " HTTP/1.1".length() + "/hello?q=".length();
        return "/hello?q=" + "a".repeat(lineLength - fixed);
    }

    @Test
    void gunicorns_defaults_refuse_a_long_line_too_many_fields_and_a_long_field_and_close_the_connection() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            assertServed(port, request(target(4094), 0, 1));
            assertRefused(414, port, request(target(4095), 0, 1));
            assertRefused(414, port, request(target(5000), 0, 1));

            assertServed(port, request("/hello", 98, 10)); // 100 fields
            assertRefused(431, port, request("/hello", 99, 10));
            assertRefused(431, port, request("/hello", 118, 10));

            String name = "X-Field-0: ";
            assertServed(port, request("/hello", 1, 8190 - name.length()));
            assertRefused(431, port, request("/hello", 1, 8191 - name.length()));
            assertServed(port, request("/hello", 0, 1));
        }
    }

    @Test
    void a_body_of_gigabytes_the_application_does_not_read_gets_its_answer_and_the_connection_closed() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.getOutputStream().write(("GET /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10000000000\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                s.getOutputStream().write(new byte[256 * 1024]); // a start of the 10 GB; /hello never reads it
                s.getOutputStream().flush();
                RawHttp.Reply reply = RawHttp.read(s, Duration.ofSeconds(20));
                assertEquals(200, reply.status(), reply.text());
                assertTrue(reply.body().contains("Hello, World!"), reply.text());
                // the answer is committed before Jetty sees the body unread, so no Connection: close header; the close is the bound
                assertTrue(reply.closed(), "the worker closes the connection instead of reading the rest: " + reply.text());
            }
            assertServed(port, request("/hello", 0, 1));
        }
    }

    @Test
    void limit_request_body_answers_413_to_a_larger_content_length_and_serves_a_smaller_body() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--limit-request-body", "1k", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            String small = "x".repeat(1024);
            RawHttp.Reply ok = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 1024\r\n\r\n" + small);
            assertEquals(200, ok.status(), ok.text());
            RawHttp.Reply big = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 1025\r\n\r\n" + small + "x");
            assertEquals(413, big.status(), big.text());
            assertTrue(!big.text().contains("Exception") && !big.text().contains("at org.eclipse"), "no trace for the client: " + big.text());
            RawHttp.Reply chunked = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "800\r\n" + small + small + "\r\n0\r\n\r\n");
            assertEquals(413, chunked.status(), "a chunked body past the limit: " + chunked.text());
        }
    }

    @Test
    void limit_request_body_refuses_what_is_not_a_size_with_the_rule() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "--limit-request-body", "5x", Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode(), w.output());
        assertTrue(w.output().contains("--limit-request-body=5x: not a size; give bytes or a number with k, m or g (512m)"), w.output());
    }

    @Test
    void limits_can_be_lowered_and_zero_lifts_them() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--limit-request-line", "0", "--limit-request-fields", "5",
                "--limit-request-field-size", "0", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            assertServed(port, request(target(20_000), 0, 1));
            assertServed(port, request("/hello", 1, 20_000));
            assertServed(port, request("/hello", 3, 1));
            assertRefused(431, port, request("/hello", 4, 1));
        }
    }

    @Test
    void a_negative_limit_is_refused_with_the_rule() throws Exception {
        Warcorn w = Warcorn.run(Duration.ofSeconds(30), "--limit-request-fields", "-1", Warcorn.HELLO.toString());
        assertEquals(2, w.exitCode(), w.output());
        assertTrue(w.output().contains("--limit-request-fields=-1: must be at least 0"), w.output());
    }

    static void assertServed(int port, String request) throws Exception {
        RawHttp.Reply r = RawHttp.send(port, request);
        assertEquals(200, r.status(), r.text().substring(0, Math.min(300, r.text().length())));
    }

    static void assertRefused(int status, int port, String request) throws Exception {
        RawHttp.Reply r = RawHttp.send(port, request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
        assertEquals(status, r.status(), r.text());
        assertTrue(r.closed(), "the connection is closed after " + status + ":\n" + r.text());
        ErrorPagesIT.assertNoLeak(r.text());
    }
}
