package dev.warcorn.worker.jetty;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Once the worker drains, every request it handles is served and answered with {@code Connection: close},
 * so a keep-alive client learns from the answer itself that its next request needs a new connection
 * (which the shared accept queue gives to another worker). Replaces Jetty's GracefulHandler, which answers
 * 503 to requests that arrive during a stop, and Jetty's connector shutdown, which half-closes a
 * connection whose answer was sent as persistent just before the stop began: a client that sent its next
 * request on it meanwhile saw the connection closed without an answer.
 */
final class Drain extends Handler.Wrapper {
    private volatile boolean draining;

    Drain(Handler handler) {
        super(handler);
    }

    void begin() {
        draining = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (draining) response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        return super.handle(request, response, callback);
    }
}
