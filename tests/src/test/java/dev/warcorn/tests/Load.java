package dev.warcorn.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests from a few client threads until stopped (and never more than a bound), counting every
 * success and every failure by kind: the HTTP status, a reset, a timeout, or a reused connection closed
 * before it was answered. {@link Client#NEW_CONNECTION} opens a connection per request, so all go
 * through the shared accept queue; {@link Client#KEEP_ALIVE} keeps one connection per thread until the
 * server answers {@code Connection: close}, as real clients and nginx's upstream keepalive do.
 */
final class Load implements AutoCloseable {
    enum Client { NEW_CONNECTION, KEEP_ALIVE }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<Thread> clients = new ArrayList<>();
    private final java.util.Set<java.math.BigInteger> serials = ConcurrentHashMap.newKeySet();

    Load(int port, String path, int clients, int maxRequestsEach) {
        this(Client.NEW_CONNECTION, port, path, clients, maxRequestsEach);
    }

    Load(Client kind, int port, String path, int clients, int maxRequestsEach) {
        this(kind, port, path, clients, maxRequestsEach, null);
    }

    /** Over TLS when {@code tls} is not null; {@link #serials} then tells which certificates the server presented. */
    Load(Client kind, int port, String path, int clients, int maxRequestsEach, javax.net.ssl.SSLContext tls) {
        if (tls != null && kind != Client.KEEP_ALIVE) throw new IllegalArgumentException("TLS load is keep-alive only");
        for (int c = 0; c < clients; c++) {
            this.clients.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(port, TIMEOUT, tls == null ? null : tls.getSocketFactory(), serials)) {
                    for (int i = 0; i < maxRequestsEach && running.get(); i++) {
                        try {
                            Http.Response r = kind == Client.KEEP_ALIVE ? connection.get(path) : Http.get(port, path, TIMEOUT);
                            if (r.status() == 200) ok.incrementAndGet();
                            else fail("HTTP " + r.status());
                        } catch (KeepAliveConnection.ClosedBeforeAnswer e) {
                            fail("closed before an answer");
                        } catch (java.net.SocketTimeoutException e) {
                            fail("timeout: " + e.getMessage());
                        } catch (Exception e) {
                            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                    connections.addAndGet(kind == Client.KEEP_ALIVE ? connection.connections() : 0);
                }
            }));
        }
    }

    /** The serial numbers of the certificates TLS handshakes saw so far. */
    java.util.Set<java.math.BigInteger> serials() {
        return java.util.Set.copyOf(serials);
    }

    /** Connections the keep-alive clients opened (0 for new-connection clients); known after {@link #close}. */
    int connections() {
        return connections.get();
    }

    private void fail(String kind) {
        failures.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    int ok() {
        return ok.get();
    }

    int failed() {
        return failures.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    String failures() {
        return failures.toString();
    }

    /** Waits until {@code n} more requests have succeeded than now. */
    void awaitMore(int n, Duration deadline) {
        int target = ok.get() + n;
        Warcorn.poll(deadline, n + " more successful requests (failures so far " + failures + ")", () -> ok.get() >= target);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : clients) t.join();
    }
}
