import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for scripts/faults: CLIENTS threads send GET PATH to 127.0.0.1:PORT for SECONDS seconds at most and
 * print "requests=N failed=M connections=C errors={...}" at the end. MODE "new" opens a connection per
 * request (every request goes through the shared accept queue); "keepalive" keeps one connection per
 * thread until the server answers Connection: close or closes it, as browsers, client pools and nginx's
 * upstream keepalive do. Nothing is retried; every failure is counted by kind (status, reset, timeout,
 * a reused connection closed before its answer).
 * Run with: java LoadClient.java PORT PATH CLIENTS SECONDS [new|keepalive]
 */
public class LoadClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        int clients = Integer.parseInt(args[2]);
        long end = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
        boolean keepAlive = args.length > 4 && args[4].equals("keepalive");
        AtomicLong ok = new AtomicLong(), connections = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] = Thread.ofPlatform().start(() -> {
                Connection connection = new Connection(port, keepAlive);
                while (System.nanoTime() < end) {
                    String error = connection.get(path);
                    if (error == null) ok.incrementAndGet();
                    else errors.computeIfAbsent(error, k -> new AtomicLong()).incrementAndGet();
                }
                connection.close();
                connections.addAndGet(connection.opened);
            });
        }
        for (Thread t : threads) t.join();
        long failed = errors.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.println("requests=" + (ok.get() + failed) + " failed=" + failed + " connections=" + connections.get()
                + " errors=" + new TreeMap<>(errors));
    }

    /** One client's connection; {@link #get} answers null for a 200, else the kind of failure. */
    static final class Connection {
        private final int port;
        private final boolean keepAlive;
        private Socket socket;
        private InputStream in;
        private int used;
        long opened;

        Connection(int port, boolean keepAlive) {
            this.port = port;
            this.keepAlive = keepAlive;
        }

        String get(String path) {
            boolean reused = false;
            try {
                if (socket == null) open();
                reused = used > 0;
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + (keepAlive ? "" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String status = line();
                boolean close = !keepAlive;
                long length = -1;
                for (String h = line(); !h.isEmpty(); h = line()) {
                    String lower = h.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) length = Long.parseLong(h.substring(15).trim());
                    if (lower.startsWith("connection:") && lower.contains("close")) close = true;
                }
                if (length >= 0) in.readNBytes((int) length);
                else in.readAllBytes();
                used++;
                if (close || length < 0) close();
                return status.startsWith("HTTP/1.1 200") ? null : status;
            } catch (SocketTimeoutException e) {
                close();
                return "timeout";
            } catch (EOFException | SocketException e) {
                close();
                return reused ? "reused connection closed before an answer" : e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (IOException e) {
                close();
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            used = 0;
            opened++;
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new EOFException("connection closed");
                if (c != '\r') b.write(c);
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        void close() {
            if (socket == null) return;
            try {
                socket.close();
            } catch (IOException ignored) {
                // a broken connection; the next request opens a new one
            }
            socket = null;
        }
    }
}
