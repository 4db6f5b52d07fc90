package dev.warcorn.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal HTTP/1.1 client that opens a new connection per request ({@code Connection: close}), so
 * each request goes through the shared accept queue and may reach any worker.
 */
final class Http {
    /** {@code head} is the status line and headers as received. */
    record Response(int status, String body, String head) {
        Response(int status, String body) {
            this(status, body, "");
        }

        boolean is(int expectedStatus, String expectedBody) {
            return status == expectedStatus && body.equals(expectedBody);
        }
    }

    private Http() {
    }

    static Response get(int port, String path) throws IOException {
        return get(port, path, Duration.ofSeconds(30));
    }

    static Response get(int port, String path, Duration timeout) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (raw.isEmpty()) throw new IOException("empty response to GET " + path);
            int status = Integer.parseInt(raw.substring(9, 12));
            int bodyAt = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, bodyAt);
            String body = raw.substring(bodyAt + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) body = unchunk(body);
            return new Response(status, body, head);
        }
    }

    /** GET over a Unix socket, {@code Connection: close}; the raw response, head and body. */
    static String getUnix(java.nio.file.Path socket, String path) throws IOException {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(socket));
            ch.write(java.nio.ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
            return new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) break;
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
