package dev.warcorn.tests;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 connection reused for request after request, as nginx's upstream keepalive, browsers and
 * client pools do, until the server answers {@code Connection: close} or closes it; then the next request
 * opens a new one. Nothing is retried: a request that fails is the caller's to count.
 */
final class KeepAliveConnection implements AutoCloseable {
    /** The server closed a reused connection before answering: the race of an idle close with a request. */
    static final class ClosedBeforeAnswer extends IOException {
        ClosedBeforeAnswer(String message) {
            super(message);
        }
    }

    private final int port;
    private final Duration timeout;
    private final javax.net.ssl.SSLSocketFactory tls;
    private final java.util.Set<java.math.BigInteger> serials;
    private Socket socket;
    private InputStream in;
    private int requestsOnThisConnection;
    private int connections;

    KeepAliveConnection(int port, Duration timeout) {
        this(port, timeout, null, java.util.Set.of());
    }

    /**
     * Over TLS with {@code tls}, when not null: each new connection's handshake completes before its first
     * request, and the serial of the certificate the server presented is added to {@code serials}.
     */
    KeepAliveConnection(int port, Duration timeout, javax.net.ssl.SSLSocketFactory tls, java.util.Set<java.math.BigInteger> serials) {
        this.port = port;
        this.timeout = timeout;
        this.tls = tls;
        this.serials = serials;
    }

    /** Connections opened so far; fewer than requests means they were reused. */
    int connections() {
        return connections;
    }

    Http.Response get(String path) throws IOException {
        if (socket == null) open();
        boolean reused = requestsOnThisConnection > 0;
        try {
            try {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            } catch (java.net.SocketException e) {
                if (reused) throw new ClosedBeforeAnswer("reused connection closed before the request was sent: " + e.getMessage());
                throw e;
            }
            Http.Response r = read(reused);
            requestsOnThisConnection++;
            if (r.head().toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) close();
            return r;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        if (tls != null) {
            javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) tls.createSocket(socket, "127.0.0.1", port, true);
            secure.startHandshake();
            serials.add(((java.security.cert.X509Certificate) secure.getSession().getPeerCertificates()[0]).getSerialNumber());
            socket = secure;
        }
        in = new BufferedInputStream(socket.getInputStream());
        requestsOnThisConnection = 0;
        connections++;
    }

    private Http.Response read(boolean reused) throws IOException {
        String statusLine;
        try {
            statusLine = line();
        } catch (EOFException | java.net.SocketException e) {
            if (reused) throw new ClosedBeforeAnswer("reused connection closed before an answer: " + e.getMessage());
            throw e;
        }
        StringBuilder head = new StringBuilder(statusLine);
        long length = -1;
        boolean chunked = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            head.append("\r\n").append(h);
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) length = Long.parseLong(h.substring(15).trim());
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        }
        String body;
        if (chunked) {
            StringBuilder b = new StringBuilder();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                b.append(new String(in.readNBytes(size), StandardCharsets.ISO_8859_1));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = b.toString();
        } else {
            byte[] bytes = in.readNBytes((int) Math.max(0, length));
            if (length >= 0 && bytes.length < length) throw new EOFException("body cut at " + bytes.length + " of " + length + " bytes");
            body = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return new Http.Response(Integer.parseInt(statusLine.substring(9, 12)), body, head.toString());
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new EOFException(b.size() == 0 ? "connection closed" : "connection closed mid-line");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken connection; the next request opens a new one
        }
        socket = null;
    }
}
