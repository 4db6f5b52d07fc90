package dev.warcorn.worker.classes;

import dev.warcorn.worker.Poll;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cap with a real Jetty server on its in-memory connector: how many run, who waits, and what frees a slot. */
class AdmissionTest {
    private final Server server = new Server();
    private final LocalConnector local = new LocalConnector(server);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private Admission cap;

    /** /hold waits for the gate, /throw throws, /none is not handled, /async answers from another thread; all count themselves. */
    private final Handler application = new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (path.equals("/none")) return false;
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                if (path.equals("/throw")) throw new IllegalStateException("boom");
                if (path.equals("/hold")) assertTrue(gate.await(30, TimeUnit.SECONDS));
            } finally {
                running.decrementAndGet();
            }
            if (path.equals("/async")) {
                new Thread(() -> Content.Sink.write(response, true, "ok", callback)).start();
                return true;
            }
            Content.Sink.write(response, true, "ok", callback);
            return true;
        }
    };

    private void start(int limit, Duration queueTimeout) throws Exception {
        server.addConnector(local);
        cap = new Admission(application, limit, queueTimeout);
        server.setHandler(cap);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        server.stop();
    }

    private String get(String path) throws Exception {
        return local.getResponse("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", 30, TimeUnit.SECONDS);
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void at_most_limit_requests_run_at_once_and_the_others_wait_to_be_answered() throws Exception {
        start(3, Duration.ZERO);
        gate = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) answers.add(clients.submit(() -> get("/hold")));
            Poll.until(Duration.ofSeconds(30), "three requests running and seven waiting (running " + running + ")",
                    () -> running.get() == 3 && cap.waiting() == 7);
            assertEquals(3, running.get(), "three run");
            assertEquals(7, cap.waiting(), "seven wait");
            gate.countDown();
            for (Future<String> a : answers) assertEquals(200, status(a.get(30, TimeUnit.SECONDS)));
        }
        assertEquals(3, most.get(), "never more than three at once");
        assertEquals(0, cap.waiting());
    }

    @Test
    void a_request_that_waits_longer_than_the_queue_timeout_is_answered_503_and_the_slot_still_works() throws Exception {
        start(1, Duration.ofMillis(200));
        gate = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> holder = clients.submit(() -> get("/hold"));
            Poll.until(Duration.ofSeconds(30), "the one slot held", () -> running.get() == 1);
            String late = get("/hello");
            assertEquals(503, status(late), late);
            assertTrue(!late.contains("Exception") && !late.contains("at org."), "no stack trace: " + late);
            gate.countDown();
            assertEquals(200, status(holder.get(30, TimeUnit.SECONDS)));
        }
        // the expired waiter was taken off the count: the one slot serves again, and nobody waits
        assertEquals(200, status(get("/hello")));
        assertEquals(200, status(get("/hello")));
        assertEquals(0, cap.waiting());
    }

    @Test
    void a_request_that_throws_or_is_not_handled_or_completes_on_another_thread_frees_its_slot() throws Exception {
        start(1, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            assertEquals(500, status(get("/throw")));
            assertEquals(404, status(get("/none")));
            assertEquals(200, status(get("/async")));
        }
        assertEquals(200, status(get("/hello")), "the one slot is free after all of them");
        assertEquals(1, most.get());
    }

    @Test
    void many_clients_through_one_slot_are_all_answered() throws Exception {
        start(1, Duration.ZERO);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String path = i % 2 == 0 ? "/hello" : "/async";
                answers.add(clients.submit(() -> get(path)));
            }
            for (Future<String> a : answers) assertEquals(200, status(a.get(60, TimeUnit.SECONDS)));
        }
        assertEquals(1, most.get());
        assertEquals(0, cap.waiting());
    }
}
