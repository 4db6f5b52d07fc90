package dev.warcorn.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Bytes exactly as written, for requests no well-behaved client would send: what came back, and whether
 * the server closed the connection (end of stream) within the deadline rather than keeping it open.
 */
final class RawHttp {
    /** @param closed the server closed the connection; false when it was still open at the deadline */
    record Reply(String text, boolean closed) {
        int status() {
            if (!text.startsWith("HTTP/1.1 ")) return -1;
            return Integer.parseInt(text.substring(9, 12));
        }

        String body() {
            int at = text.indexOf("\r\n\r\n");
            return at < 0 ? "" : text.substring(at + 4);
        }
    }

    private RawHttp() {
    }

    static Reply send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
    }

    /** Writes {@code request}, then reads until the server closes the connection or {@code deadline} passes. */
    static Reply send(int port, byte[] request, Duration deadline) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the server may close before it read everything (a limit hit early); its answer is still there to read
            }
            return read(s, deadline);
        }
    }

    static Reply read(Socket s, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) return new Reply(got.toString(StandardCharsets.ISO_8859_1), false);
            s.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return new Reply(got.toString(StandardCharsets.ISO_8859_1), false);
            } catch (IOException reset) { // a reset after the answer counts as closed
                return new Reply(got.toString(StandardCharsets.ISO_8859_1), true);
            }
            if (n < 0) return new Reply(got.toString(StandardCharsets.ISO_8859_1), true);
            got.write(buf, 0, n);
        }
    }
}
