package dev.warcorn.ee9;

import dev.warcorn.worker.edge.ErrorPages;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee9.nested.Request;
import org.eclipse.jetty.ee9.servlet.ErrorPageErrorHandler;

import java.io.IOException;

/**
 * The WAR's own {@code <error-page>}s first, as Jetty's {@link ErrorPageErrorHandler}; otherwise a page
 * with the status and a safe message only: no stack trace, no "CAUSED BY" rows (which ee9's pages write
 * even with stacks off), no servlet (often class) name, no exception text ({@link ErrorPages}).
 */
final class SafeErrorPages extends ErrorPageErrorHandler {
    SafeErrorPages() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        ErrorPages.logFailure(requestLine(request), response.getStatus(), (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        super.handle(target, baseRequest, request, response);
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code,
                                              String message) throws IOException {
        Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        super.generateAcceptableResponse(baseRequest, new WithoutException(request), response, code,
                ErrorPages.publicMessage(code, message, cause));
    }

    private static String requestLine(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query) + " " + request.getProtocol();
    }

    /** The request as the page writer sees it: Jetty's page code reads the exception from this attribute. */
    private static final class WithoutException extends HttpServletRequestWrapper {
        WithoutException(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            return RequestDispatcher.ERROR_EXCEPTION.equals(name) ? null : super.getAttribute(name);
        }
    }
}
