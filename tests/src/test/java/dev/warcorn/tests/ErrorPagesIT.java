package dev.warcorn.tests;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An application's exception reaches the client as a bare 500 and the log as a trace, in every servlet environment. */
class ErrorPagesIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    /** Things a stack trace or Jetty's default page would show. */
    static final List<String> LEAKS = List.of("hunter2", "IllegalStateException", "BoomServlet", "java.", "dev.warcorn", "at org.",
            "Caused by", "CAUSED BY", "SERVLET", "Timeout", "AsyncContext");

    static Path war(String ee) {
        return ee.equals("ee8") ? Warcorn.EXAMPLES.resolve("hello-javax/target/hello-javax.war") : Warcorn.HELLO;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ee8", "ee9", "ee10", "ee11"})
    void an_exception_in_the_application_answers_a_bare_500_and_logs_the_trace_with_the_request_line(String ee) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--ee", ee, war(ee).toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            for (String accept : List.of("text/html", "text/plain", "application/json", "*/*")) {
                RawHttp.Reply r = RawHttp.send(port, "GET /boom?x=1 HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                        + "\r\nConnection: close\r\n\r\n");
                assertEquals(500, r.status(), r.text());
                assertNoLeak(r.text());
            }
            w.await("Error handling request GET /boom\\?x=1 HTTP/1.1: 500 Server Error", BOOT);
            w.await("at dev\\.warcorn\\.examples\\.hello(javax)?\\.BoomServlet\\.doGet", BOOT);
            assertTrue(Http.get(port, "/hello").is(200, "Hello, World!"), "the worker still serves");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ee8", "ee10"})
    void a_container_timeout_answers_a_bare_500(String ee) throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--ee", ee, war(ee).toString())) {
            w.awaitReady(1, BOOT);
            RawHttp.Reply r = RawHttp.send(w.port(), "GET /boom/async HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(500, r.status(), r.text());
            assertNoLeak(r.text());
        }
    }

    @Test
    void errors_jetty_answers_itself_show_no_internals() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--context-path", "/app", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            RawHttp.Reply outside = RawHttp.send(port, "GET /elsewhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(404, outside.status(), outside.text());
            assertNoLeak(outside.text());
            RawHttp.Reply missing = RawHttp.send(port, "GET /app/missing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(404, missing.status(), missing.text());
            assertNoLeak(missing.text());
            RawHttp.Reply bad = RawHttp.send(port, "GET /app/hello HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n");
            assertEquals(400, bad.status(), bad.text());
            assertNoLeak(bad.text());
            assertFalse(w.output().contains("Error handling request"), "client errors are not logged as server errors:\n" + w.output());
        }
    }

    static void assertNoLeak(String response) {
        for (String leak : LEAKS) assertFalse(response.contains(leak), "the response shows " + leak + ":\n" + response);
        assertFalse(response.toLowerCase().contains("server:"), "no Server header:\n" + response);
    }
}
