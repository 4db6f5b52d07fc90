package dev.warcorn.examples.upstream;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What both servlets share: one {@link HttpClient} for the whole webapp (a client owns a connection
 * pool and a selector thread, so one per request would measure client start-up), the upstream
 * address from {@code -Dupstream.url}, and the text each servlet answers.
 */
final class Upstream {
    static final String PROPERTY = "upstream.url";

    /** The upstream must answer within this, or the request fails with 502. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    // HTTP/1.1 on purpose: with the default (HTTP/2) the client offers an h2c upgrade on every
    // plain-http request, which the upstream ignores and which the Flask original never sends.
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Upstream() {}

    /**
     * The request to send, or {@code null} after answering 500 with what to set, when
     * {@code upstream.url} is missing or not an http(s) URL.
     */
    static HttpRequest requestOrExplain(HttpServletResponse resp) throws IOException {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            fail(resp, 500, PROPERTY + " is not set: start the JVM with -D" + PROPERTY
                    + "=http://127.0.0.1:PORT/slow (with warcorn: --jvm-opt -D" + PROPERTY + "=...)");
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            fail(resp, 500, PROPERTY + "=" + url + ": not a URI (" + e.getMessage() + ")");
            return null;
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            fail(resp, 500, PROPERTY + "=" + url + ": must be an http:// or https:// URL");
            return null;
        }
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    }

    /** The answer on success: the upstream's status and how many body bytes it sent. */
    static void answer(HttpServletResponse resp, HttpResponse<byte[]> upstream) throws IOException {
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().print(
                "upstream " + upstream.statusCode() + ", " + upstream.body().length + " bytes\n");
    }

    static void fail(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().print(message + "\n");
    }

    /** One line naming the upstream and the cause, for a 502 body. */
    static String describe(HttpRequest request, Throwable failure) {
        String detail = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        return "upstream " + request.uri() + " failed: " + failure.getClass().getSimpleName() + detail;
    }
}
