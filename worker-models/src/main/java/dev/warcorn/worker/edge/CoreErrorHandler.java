package dev.warcorn.worker.edge;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;

/**
 * The server's error handler, for errors Jetty's core answers itself outside the WAR: a request the
 * parser rejects (400, 414, 431), a path outside the context (404), a failure in a core handler. The page
 * shows the status and a {@link ErrorPages#publicMessage safe message} only.
 */
public final class CoreErrorHandler extends ErrorHandler {
    public CoreErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        ErrorPages.logFailure(ErrorPages.requestLine(request), code, cause);
        // a head refused by --limit-request-* (or the parser) closes the connection, as Gunicorn's does
        if (code == HttpStatus.BAD_REQUEST_400 || code == HttpStatus.URI_TOO_LONG_414 || code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431)
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        super.generateResponse(request, response, code, ErrorPages.publicMessage(code, message, cause), null, callback);
    }
}
