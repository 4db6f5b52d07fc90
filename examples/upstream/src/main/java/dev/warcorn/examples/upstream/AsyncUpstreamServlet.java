package dev.warcorn.examples.upstream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /upstream-async}: calls the upstream without holding a thread. The request goes async,
 * {@code sendAsync} runs, and the client's callback writes the answer and completes the request. The
 * container thread returns at once, so a worker ({@code -k async}) keeps thousands of requests waiting
 * without a thread for each.
 */
@WebServlet(urlPatterns = "/upstream-async", asyncSupported = true)
public class AsyncUpstreamServlet extends HttpServlet {
    /** Longer than the upstream request's own timeout, so that one normally fires first (502). */
    static final long ASYNC_TIMEOUT_MS = Upstream.REQUEST_TIMEOUT.toMillis() + 5_000;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpRequest request = Upstream.requestOrExplain(resp);
        if (request == null) return;
        AsyncContext async = req.startAsync();
        async.setTimeout(ASYNC_TIMEOUT_MS);
        // The client's callback and the container's timeout can race; whichever comes first answers.
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new TimeoutAnswer(answered, request));
        Upstream.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((upstream, failure) -> {
                    if (!answered.compareAndSet(false, true)) return;
                    try {
                        if (failure == null) {
                            Upstream.answer(resp, upstream);
                        } else {
                            Throwable cause =
                                    failure instanceof CompletionException ? failure.getCause() : failure;
                            Upstream.fail(resp, 502, Upstream.describe(request, cause));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("writing the answer for " + request.uri(), e);
                    } finally {
                        async.complete();
                    }
                });
    }

    /** Answers 504 when the upstream has not answered within {@link #ASYNC_TIMEOUT_MS}. */
    private record TimeoutAnswer(AtomicBoolean answered, HttpRequest request) implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (!answered.compareAndSet(false, true)) return;
            Upstream.fail((HttpServletResponse) event.getSuppliedResponse(), 504,
                    "upstream " + request.uri() + " did not answer within " + ASYNC_TIMEOUT_MS + " ms");
            event.getAsyncContext().complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
