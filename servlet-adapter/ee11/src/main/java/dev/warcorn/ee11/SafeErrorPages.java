package dev.warcorn.ee11;

import dev.warcorn.worker.edge.ErrorPages;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;

/**
 * The WAR's own {@code <error-page>}s first, as Jetty's {@link ErrorPageErrorHandler}; otherwise a page
 * with the status and a safe message only: no stack trace, no "CAUSED BY" rows, no servlet (often class)
 * name, no exception text ({@link ErrorPages}).
 */
final class SafeErrorPages extends ErrorPageErrorHandler {
    SafeErrorPages() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        ErrorPages.logFailure(ErrorPages.requestLine(request), response.getStatus(), (Throwable) request.getAttribute(ERROR_EXCEPTION));
        return super.handle(request, response, callback);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        super.generateResponse(request, response, code, ErrorPages.publicMessage(code, message, cause), null, callback);
    }
}
