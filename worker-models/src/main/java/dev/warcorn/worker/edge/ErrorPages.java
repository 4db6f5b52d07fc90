package dev.warcorn.worker.edge;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an error page may tell the client, the same in Jetty's core and in every servlet environment.
 * Jetty's default pages show the exception ({@code toString()}: class name and message) as the message
 * of a 500, "CAUSED BY" rows even with stacks off, and the servlet's name, which for an annotated servlet
 * is its class name. Gunicorn answers an application error with a bare "Internal Server Error"; so do
 * we: the trace goes to the worker's log, never to the client (docs/http-edge.md).
 */
public final class ErrorPages {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private ErrorPages() {
    }

    /**
     * The message the page may show: for a server error (5xx) always the status's reason phrase; for a
     * client error the message Jetty or the application gave, unless it is an exception's text.
     */
    public static String publicMessage(int code, String message, Throwable cause) {
        if (code >= 500 || message == null || message.isBlank()) return HttpStatus.getMessage(code);
        if (cause != null && (message.equals(cause.toString()) || message.contains(cause.getClass().getName())))
            return HttpStatus.getMessage(code);
        return message;
    }

    /** {@code GET /path?query HTTP/1.1}, as Gunicorn's access log's {@code %(r)s}. */
    public static String requestLine(Request request) {
        return request.getMethod() + " " + request.getHttpURI().getPathQuery() + " " + request.getConnectionMetaData().getProtocol();
    }

    /**
     * Names the request a server error page answers, when an exception caused it (a client error such as
     * a malformed request, or an HTTP/0.9 one answered 505, is the client's fault and is not logged, so hostile
     * input cannot flood the log). Jetty logs the trace itself, as
     * a warning just before this line, with the URI only; this line adds the method, the query, the
     * protocol and the status (Gunicorn's "Error handling request").
     */
    public static void logFailure(String requestLine, int code, Throwable cause) {
        if (cause == null || code < 500 || cause instanceof QuietException) return;
        log.error("Error handling request {}: {} {} ({})", requestLine, code, HttpStatus.getMessage(code), cause.toString());
    }
}
