package dev.warcorn.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests from a few client threads until stopped (and never more than a bound), counting every
 * success and every failure by kind. Each request is a new connection, so all go through the shared
 * accept queue.
 */
final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ok = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<Thread> clients = new ArrayList<>();

    Load(int port, String path, int clients, int maxRequestsEach) {
        for (int c = 0; c < clients; c++) {
            this.clients.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                for (int i = 0; i < maxRequestsEach && running.get(); i++) {
                    try {
                        Http.Response r = Http.get(port, path, Duration.ofSeconds(30));
                        if (r.status() == 200) ok.incrementAndGet();
                        else fail("HTTP " + r.status());
                    } catch (Exception e) {
                        fail(e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            }));
        }
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
