package dev.warcorn.tests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --keep-alive bounds only the idle wait between requests, as in Gunicorn; a request in progress is bounded
 * by --body-timeout (a slow upload), --send-timeout (a slow reader) and --queue-timeout (a wait for a slot).
 * The client's pauses here are the behaviour under test, not a way to order events.
 */
class TimeoutsIT {
    static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    void an_upload_that_pauses_longer_than_keep_alive_completes() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--keep-alive", "1", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            try (Socket s = connect(w.port())) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n12345").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                pause(Duration.ofSeconds(3)); // three times --keep-alive, between two packets of the body
                out.write("67890".getBytes(StandardCharsets.ISO_8859_1));
                String response = readResponse(s.getInputStream());
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                assertTrue(response.endsWith("\r\n\r\nread 10 bytes"), response);
            }
        }
    }

    @Test
    void an_upload_that_pauses_longer_than_body_timeout_is_failed_and_the_worker_serves_on() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--body-timeout", "1", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            try (Socket s = connect(w.port())) {
                s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n12345")
                        .getBytes(StandardCharsets.ISO_8859_1));
                long start = System.nanoTime();
                String response = readResponse(s.getInputStream()); // the client sends nothing more
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(!response.startsWith("HTTP/1.1 200"), "a body cut short must not succeed: " + response);
                assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "failed after " + took + ", not after --body-timeout");
            }
            assertTrue(Http.get(w.port(), "/hello").is(200, "Hello, World!"));
        }
    }

    @Test
    void a_client_that_reads_slowly_gets_the_whole_response() throws Exception {
        int bytes = 16 << 20; // far more than the socket buffers hold, so the worker's writes wait for the reader
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--keep-alive", "1", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(16 << 10);
                s.connect(new InetSocketAddress("127.0.0.1", w.port()), 10_000);
                s.setSoTimeout(30_000);
                s.getOutputStream().write(("GET /echo?bytes=" + bytes + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                pause(Duration.ofSeconds(3)); // the worker is blocked writing for three times --keep-alive
                byte[] all = s.getInputStream().readAllBytes();
                String head = new String(all, 0, Math.min(all.length, 200), StandardCharsets.ISO_8859_1);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertEquals(bytes, all.length - (head.indexOf("\r\n\r\n") + 4), "body bytes received");
            }
        }
    }

    @Test
    void a_request_waiting_for_a_slot_longer_than_keep_alive_completes() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", "sync", "--threads", "1", "--keep-alive", "1",
                Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(() -> get(w.port(), "/sleep?ms=6000"));
            Warcorn.poll(Duration.ofSeconds(20), "the slow request to hold the thread", () -> threadHeld(w.port()));
            long start = System.nanoTime();
            Http.Response waited = get(w.port(), "/hello");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(1500)) > 0, "waited only " + took.toMillis() + " ms: not longer than --keep-alive");
            assertTrue(waited.is(200, "Hello, World!"), waited.toString());
            assertEquals(200, slow.get().status());
        }
    }

    @Test
    void a_request_waiting_for_a_slot_past_queue_timeout_is_answered_503() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "-k", "sync", "--threads", "1", "--queue-timeout", "1",
                Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(() -> get(w.port(), "/sleep?ms=6000"));
            Warcorn.poll(Duration.ofSeconds(20), "the slow request to hold the thread", () -> threadHeld(w.port()));
            Http.Response waited = get(w.port(), "/hello");
            assertEquals(503, waited.status(), waited.toString());
            assertEquals(200, slow.get().status());
        }
    }

    @Test
    void an_idle_keep_alive_connection_is_closed_after_keep_alive() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--keep-alive", "1", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            try (Socket s = connect(w.port())) {
                s.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                long start = System.nanoTime();
                byte[] answer = in.readAllBytes(); // the answer, then end of file once the idle connection is closed
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(new String(answer, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"));
                assertTrue(took.compareTo(Duration.ofMillis(900)) > 0 && took.compareTo(Duration.ofSeconds(20)) < 0,
                        "closed after " + took.toMillis() + " ms, expected about 1 s");
            }
        }
    }

    /**
     * A worker too busy to read for longer than --keep-alive (here: stopped with SIGSTOP, as a long GC pause
     * or an overloaded core stops it) must not take the keep-alive connections whose next request is
     * already waiting in the socket for idle ones. Jetty alone closes them when it resumes, and the clients
     * see their connections closed without an answer; every one must get its 200.
     */
    @Test
    void requests_waiting_while_the_worker_could_not_read_are_served_not_timed_out_as_idle() throws Exception {
        int clients = 20;
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--keep-alive", "2", Warcorn.HELLO.toString())) {
            long worker = w.awaitReady(1, BOOT).getFirst();
            List<Socket> sockets = new ArrayList<>();
            try {
                // The first requests all at once, then STOP at once: answered one after the other on a busy
                // machine, the first connections were idle past --keep-alive before the STOP, and rightly closed.
                for (int i = 0; i < clients; i++) {
                    Socket s = connect(w.port());
                    sockets.add(s);
                    s.getOutputStream().write(GET_HELLO);
                }
                for (Socket s : sockets) assertTrue(readResponse(s.getInputStream()).startsWith("HTTP/1.1 200"));
                signal("STOP", worker);
                try {
                    for (Socket s : sockets) s.getOutputStream().write(GET_HELLO); // the next request, at once
                    pause(Duration.ofSeconds(6)); // the worker cannot read for three times --keep-alive
                } finally {
                    signal("CONT", worker);
                }
                int answered = 0;
                List<String> failures = new ArrayList<>();
                for (Socket s : sockets) {
                    String response = readResponse(s.getInputStream());
                    if (response.startsWith("HTTP/1.1 200")) answered++;
                    else failures.add(response.isEmpty() ? "closed without an answer" : response.lines().findFirst().orElseThrow());
                }
                assertEquals(clients, answered, "requests waiting in their sockets: " + failures);
            } finally {
                for (Socket s : sockets) s.close();
            }
        }
    }

    private static final byte[] GET_HELLO = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor(), "kill -" + name);
    }

    /**
     * Whether the one request thread is held: a probe /hello that gets no answer within 2 s (it would take
     * milliseconds with a free thread), or that waited past --queue-timeout. The probe then waits in the queue ahead of the test's request.
     */
    private static boolean threadHeld(int port) {
        try {
            return Http.get(port, "/hello", Duration.ofSeconds(2)).status() == 503; // or waited past --queue-timeout
        } catch (IOException timedOut) {
            return true;
        }
    }

    private static Http.Response get(int port, String path) {
        try {
            return Http.get(port, path, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(60_000);
        return s;
    }

    /** Reads one response to its end: the head, then Content-Length bytes, or until the server closes. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            int headEnd = b.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                String head = b.substring(0, headEnd).toLowerCase();
                int cl = head.indexOf("content-length:");
                if (cl >= 0) {
                    int len = Integer.parseInt(head.substring(cl + 15).lines().findFirst().orElse("0").trim());
                    b.append(new String(in.readNBytes(len - (b.length() - headEnd - 4)), StandardCharsets.ISO_8859_1));
                    return b.toString();
                }
            }
        }
        return b.toString();
    }

    private static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d);
    }
}
