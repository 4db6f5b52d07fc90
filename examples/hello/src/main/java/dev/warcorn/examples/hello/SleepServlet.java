package dev.warcorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /sleep?ms=N} blocks its thread for N ms (at most 60 s), counting requests in flight;
 * {@code GET /sleep/stats} reports {@code inflight=X max=Y pid=P platform=T} and {@code ?reset} clears the
 * maximum; T counts the sleeps that ran on a platform thread rather than a virtual one. Tests use it to see
 * how many requests a worker class runs at once, and on what.
 */
@WebServlet({"/sleep", "/sleep/stats"})
public class SleepServlet extends HttpServlet {
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger MAX = new AtomicInteger();
    private static final AtomicInteger ON_PLATFORM = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        if (req.getServletPath().equals("/sleep/stats")) {
            if (req.getParameter("reset") != null) MAX.set(IN_FLIGHT.get());
            resp.getWriter().print("inflight=" + IN_FLIGHT.get() + " max=" + MAX.get() + " pid=" + ProcessHandle.current().pid()
                    + " platform=" + ON_PLATFORM.get());
            return;
        }
        long ms = Math.min(60_000, Math.max(0, parse(req.getParameter("ms"))));
        if (!Thread.currentThread().isVirtual()) ON_PLATFORM.incrementAndGet();
        int now = IN_FLIGHT.incrementAndGet();
        MAX.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(503, "interrupted while sleeping");
            return;
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
        resp.getWriter().print("slept " + ms + " ms");
    }

    private static long parse(String ms) {
        try {
            return ms == null ? 0 : Long.parseLong(ms);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
