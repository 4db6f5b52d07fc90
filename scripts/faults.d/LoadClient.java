import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for scripts/faults: CLIENTS threads send GET PATH to 127.0.0.1:PORT, one new connection per
 * request (so every request goes through the shared accept queue), for SECONDS seconds at most, and
 * print "requests=N failed=M errors={...}" at the end. Run with: java LoadClient.java PORT PATH CLIENTS SECONDS
 */
public class LoadClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        int clients = Integer.parseInt(args[2]);
        long end = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
        AtomicLong ok = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] = Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    String error = request(port, path);
                    if (error == null) ok.incrementAndGet();
                    else errors.computeIfAbsent(error, k -> new AtomicLong()).incrementAndGet();
                }
            });
        }
        for (Thread t : threads) t.join();
        long failed = errors.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.println("requests=" + (ok.get() + failed) + " failed=" + failed + " errors=" + new TreeMap<>(errors));
    }

    private static String request(int port, String path) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.startsWith("HTTP/1.1 200") ? null : response.isEmpty() ? "empty response" : response.lines().findFirst().orElse("?");
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
