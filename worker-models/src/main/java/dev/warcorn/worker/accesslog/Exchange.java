package dev.warcorn.worker.accesslog;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;

/**
 * What an access log line can say about one finished request. {@link AccessLog} takes it from Jetty's
 * request and response; tests build it by hand.
 *
 * @param remoteAddress     the client's IP address, or {@code null} (a Unix socket)
 * @param authenticatedUser the user the application's security authenticated, or {@code null}
 * @param epochMillis       when the request finished (Gunicorn's {@code %(t)s} is the time of logging)
 * @param bytes             response body bytes written
 * @param nanos             how long the request took
 */
public record Exchange(String remoteAddress, String authenticatedUser, long epochMillis, String method, HttpURI uri,
                       String protocol, int status, long bytes, HttpFields requestHeaders, HttpFields responseHeaders,
                       long nanos) {
}
