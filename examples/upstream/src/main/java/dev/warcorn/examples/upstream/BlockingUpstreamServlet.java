package dev.warcorn.examples.upstream;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@code GET /upstream}: calls the upstream and waits for it on the request's thread, as a Flask view
 * does with {@code requests.get}. On a platform thread each waiting request holds a pool thread; on a
 * virtual thread the wait unmounts, which is the point of {@code -k virtual}.
 */
@WebServlet("/upstream")
public class BlockingUpstreamServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpRequest request = Upstream.requestOrExplain(resp);
        if (request == null) return;
        HttpResponse<byte[]> upstream;
        try {
            upstream = Upstream.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Upstream.fail(resp, 503, "interrupted while waiting for upstream " + request.uri());
            return;
        } catch (IOException e) {
            Upstream.fail(resp, 502, Upstream.describe(request, e));
            return;
        }
        Upstream.answer(resp, upstream);
    }
}
