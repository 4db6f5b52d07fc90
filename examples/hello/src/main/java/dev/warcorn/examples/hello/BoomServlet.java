package dev.warcorn.examples.hello;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /boom} throws, with a secret in the exception's message; {@code GET /boom/async} starts an
 * asynchronous request and never completes it, so the container's async timeout (200 ms) fails it. Tests
 * check that neither the trace, the class names nor the secret reach the client.
 */
@WebServlet(urlPatterns = {"/boom", "/boom/async"}, asyncSupported = true)
public class BoomServlet extends HttpServlet {
    static final String SECRET = "db-password=hunter2";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        if (req.getServletPath().equals("/boom/async")) {
            AsyncContext async = req.startAsync();
            async.setTimeout(200);
            return;
        }
        throw new IllegalStateException("the application failed: " + SECRET);
    }
}
